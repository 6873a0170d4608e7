# Opérateurs de la plateforme : /admin, approbations, suspensions, propriété, alertes.
cmd_admin = Opérateurs : commerces, approuver, suspendre
admin_header = Commerces : { $total } · page { $page }/{ $pages }
admin_business_line =
    #{ $id } { $business } · { $status }
    Propriétaire : { $owner } ({ $owner_id }) · équipe : { $staff }
    Clients : { $customers } · cartes : { $cards }
    30 derniers jours : scans { $scans }, points émis { $issued }
admin_status_active = actif
admin_status_suspended = ⛔ suspendu
admin_status_awaiting = ⏳ en attente d'approbation
btn_admin_approve = ✅ Approuver
btn_admin_approve_n = ✅ Approuver #{ $id }
btn_admin_suspend = ⛔ Suspendre #{ $id }
btn_admin_resume = ▶ Réactiver #{ $id }
admin_approved = { $business } est approuvé.
admin_suspended = { $business } est suspendu.
admin_resumed = { $business } est de nouveau actif.
admin_transfer_usage = Usage : /admin transfer ID_COMMERCE ID_TELEGRAM (le nouveau propriétaire doit avoir écrit au bot).
admin_transferred = { $business } appartient désormais à { $owner } ; l'ancien propriétaire reste dans l'équipe.
admin_new_business = 🆕 Nouveau commerce #{ $business_id } : { $business } (propriétaire : { $owner }). Il pourra scanner et inviter une fois approuvé par vous.
admin_error_alert = ⚠️ Une mise à jour a échoué : { $error } à { $where }. Alertes retenues depuis la dernière : { $skipped }.
biz_approved = ✅ { $business } est approuvé : vous pouvez maintenant scanner et inviter des clients.
biz_suspended = ⛔ { $business } est suspendu par la plateforme : ni scans, ni invitations, ni diffusions. Les clients gardent leurs cartes.
biz_resumed = ▶ { $business } est de nouveau actif.
biz_ownership_received = 👑 Vous êtes maintenant propriétaire de { $business }.
biz_ownership_given = { $business } a un nouveau propriétaire ; vous restez dans l'équipe.
biz_awaiting_approval = ⏳ Un opérateur approuve les nouveaux commerces : vous pouvez préparer { $business } dès maintenant, puis scanner et inviter une fois approuvé.
business_awaiting_approval = Ce commerce attend l'approbation d'un opérateur.
user_not_found = Cette personne n'a pas encore écrit au bot.

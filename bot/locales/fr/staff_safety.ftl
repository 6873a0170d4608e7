## Sécurité du personnel : l'entreprise de chaque réponse, limites d'Annuler, liens d'invitation, limites.

for_business = 🏪 { $business }
too_many_lookups = ⏳ Trop de codes en une minute (au plus { $limit }). Patientez un instant puis réessayez.
undo_not_here = ↩️ Annuler ne fonctionne que sous la réponse du scan qui a crédité les points.
undo_too_late = ⌛ Trop tard pour annuler : Annuler fonctionne pendant { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } après le scan.
undo_ask_instead = Les points restent. Pour reprendre { $points }, demandez au client d'approuver une déduction.
undo_request_button = ➖ Demander de déduire { $points }
staff_limit_reached = ⛔ Votre limite quotidienne de crédits manuels est de { $limit } ; il vous reste { $room } aujourd'hui.
limit_not_for_owner = Le propriétaire n'a pas de limite de crédits manuels.
invite_closed = Ce lien d'invitation a déjà été utilisé, révoqué, ou a expiré. Demandez-en un nouveau au propriétaire.
staff_page_header = 👥 Personnel de { $business } (page { $page }/{ $pages }) :
staff_link_line = 🔗 Invitation nº { $id } pour une personne, jusqu'au { $expires } : { $link }
staff_line_limited = • { $name } ({ $role }), jusqu'à { $limit } à la main par jour
staff_revoke_button = ✖ Révoquer le lien nº { $id }
staff_limit_button = 🔢 Limite : { $name }
staff_new_link_button = ➕ Nouveau lien d'invitation
staff_link_made =
    🔗 Un nouveau lien d'invitation pour une personne, valable { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    } :
    { $link }
    La personne qui l'ouvre doit confirmer. Vous pouvez le révoquer dans /staff.
staff_link_revoked = Lien révoqué.
staff_ask_limit = Combien de points cette personne peut-elle créditer à la main chaque jour ? Envoyez un nombre, ou 0 pour aucune limite (ou « annuler »).
staff_limit_set = ✅ Limite quotidienne de crédits manuels : { $limit }.
staff_limit_off = ✅ Aucune limite quotidienne de crédits manuels.
staff_join_question = 👥 Rejoindre le personnel de { $business } ? Vous agirez ensuite pour { $business } ; /business change d'entreprise.
staff_join_yes = ✅ Rejoindre
staff_join_no = ✖ Ne pas rejoindre
staff_join_declined = Vous n'avez pas rejoint le personnel.
staff_joined_acting = ✅ Vous avez rejoint le personnel de { $business } et agissez maintenant pour { $business }. /business change d'entreprise, /bhelp liste les commandes du personnel.
page_prev = ◀ Précédent
page_next = Suivant ▶
page_of = Page { $page }/{ $pages }

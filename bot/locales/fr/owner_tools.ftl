## Outils de croissance : cadeaux d’anniversaire, attributions groupées, offres de retour, activité du personnel.

btn_birthday = 🎂 Anniversaire
birthday_ask = 🎂 Votre anniversaire : { $current }. Envoyez-le sous la forme jour.mois, par exemple 14.05. Les programmes avec un cadeau d’anniversaire vous l’offrent ce jour-là. Vous pouvez le modifier une fois par an.
birthday_not_set = non renseigné
birthday_saved = 🎂 Enregistré : votre anniversaire est le { $date }.
birthday_format = Envoyez votre anniversaire sous la forme jour.mois, par exemple 14.05.
birthday_no_such_day = Le { $day }.{ $month } n’existe pas dans le calendrier. Vérifiez le jour et le mois.
birthday_change_later = Vous pouvez modifier votre anniversaire une fois par an : la prochaine fois à partir du { $date }.
birthday_not_customer = Appuyez d’abord sur /start, puis indiquez votre anniversaire.

birthday_gift = 🎂 Joyeux anniversaire de la part de { $business } ! Votre cadeau dans { $program } : +{ $points }. Solde : { $balance }.
bulk_award = 🎁 { $business } vous a offert +{ $points } dans { $program } : { $note }. Solde : { $balance }.
winback_credited = 👋 Bon retour chez { $business } ! Votre bonus dans { $program } : +{ $points }. Solde : { $balance }.
winback_offer = Vous nous manquez chez { $business } ! Revenez dans { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } et recevez un bonus de +{ $bonus } dans { $program }. Votre solde est de { $balance }.
reason_birthday = cadeau d’anniversaire
reason_bulk = cadeau du propriétaire
reason_winback = bonus de retour

prog_gifts = 🎂 Cadeau d’anniversaire : { $birthday } · 👋 Bonus de retour : { $winback } (sous { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    })
prog_gift_off = désactivé
prog_gift_set = ✅ Programme n° { $id } : { $field } vaut maintenant { $value }.
gift_usage = Utilisation : /editprogram <id> birthday_gift|winback_bonus|winback_days <nombre ou off>

bulk_usage = Utilisation : /bulkaward <id du programme> <points> <segment> <motif>. Segments : all (tous), idle (aucune visite depuis 30 jours ; idle:N pour N jours), balance:N (un solde d’au moins N), tier:NOM (ayant ce niveau, par exemple tier:Gold). Exemple : /bulkaward 1 20 idle Revenez vite
bulk_bad_segment = Segment inconnu. Utilisez all, idle, idle:N, balance:N ou tier:NOM.
bulk_reason_missing = Indiquez un motif : les clients le voient avec les points.
bulk_empty_segment = Aucun client dans ce segment : rien n’a été attribué.
bulk_not_found = Cette attribution groupée n’existe plus.
bulk_progress = ⏳ Attribution groupée n° { $id } (+{ $points }, { $note }) : { $done } sur { $total } faits…
bulk_done = ✅ Attribution groupée n° { $id } (+{ $points }, { $note }) terminée : { $done } sur { $total } faits.

activity_header = 👥 Activité du personnel chez { $business } (alerte au-delà de { $threshold } points manuels par jour)
activity_alert_off = désactivée
activity_today = Aujourd’hui :
activity_week = Cette semaine :
activity_nobody = — rien pour l’instant
activity_line = • { $name } : scans { $scans }, attributions manuelles { $manual } (+{ $points }), annulations { $undos }, récompenses { $redemptions }
award_alert_usage = Utilisation : /awardalert <points> pour être alerté quand un membre du personnel attribue davantage à la main en une journée, ou /awardalert off.
award_alert_set = ✅ Vous serez alerté quand un membre du personnel attribuera plus de { $points } à la main en une journée.
award_alert_off = ✅ Les alertes d’attributions manuelles sont désactivées.
manual_awards_alert = ⚠️ { $business } : { $staff } a attribué { $points } à la main aujourd’hui, au-delà de votre alerte de { $threshold }.

# Staff: the growth commands, under /bhelp.
growth_bhelp =
    Outils de croissance (propriétaires)
    /bulkaward <id du programme> <points> <segment> <motif> : des points à beaucoup de clients à la fois
    /activity : ce que chaque membre du personnel a fait aujourd’hui et cette semaine
    /awardalert <points>|off : une alerte quand un membre du personnel attribue davantage à la main en une journée
    /editprogram <id> birthday_gift|winback_bonus|winback_days <nombre ou off>

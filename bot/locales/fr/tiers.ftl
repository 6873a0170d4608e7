## Niveaux : des paliers selon les points gagnés, avec un multiplicateur sur les scans.

# Notifications au client.
tier_promoted = 🏅 { $business } : vous êtes maintenant { $tier } sur { $program } ! Chaque visite vous rapporte { $bonus } % de plus.
tier_promoted_plain = 🏅 { $business } : vous êtes maintenant { $tier } sur { $program } ! Merci de votre fidélité.
tier_demoted = { $business } : votre niveau sur { $program } est maintenant { $tier } (avant : { $previous }). Continuez à cumuler pour remonter.
tier_lost = { $business } : votre niveau { $previous } sur { $program } a pris fin. Continuez à cumuler pour le retrouver.
cat_tier_changed = Niveaux

# Le niveau dans Mes cartes et dans la réponse au scan du personnel.
card_tier = 🏅 { $tier } · ×{ $multiplier }
scan_tier = 🏅 { $tier } · ×{ $multiplier }

# L'écran des niveaux du propriétaire.
prog_tiers_button = 🏅 Niveaux #{ $id }
tier_screen_title = 🏅 Niveaux de #{ $id } { $program }
tier_screen_none = Pas encore de niveaux : chaque client gagne autant.
tier_screen_line = • { $tier } : dès { $threshold } gagnés, ×{ $multiplier }
tier_window_lifetime = Les niveaux comptent tout ce qu'un client a gagné depuis toujours.
tier_window_months = Les niveaux comptent ce qu'un client a gagné { $months ->
        [one] le mois dernier
       *[other] ces { $months } derniers mois
    }.
tier_screen_help =
    Ajouter ou modifier un niveau : /tiers { $id } Argent 500 1.25
    En retirer un : /tiers { $id } remove Argent
    Période : /tiers { $id } window 12 (ou : window none)
tier_add_button = ➕ Ajouter ou modifier un niveau
tier_remove_button = 🗑 { $tier }
tier_window_button = 🗓 Période
tier_ask_line = Envoyez le niveau sur une ligne : son nom, les points gagnés pour l'atteindre et le multiplicateur de 1 à 5. Par exemple : Argent 500 1.25
tier_ask_window = Combien de mois de points gagnés comptent pour le niveau ? Envoyez de 1 à 120, ou 0 pour compter tout ce qui a été gagné depuis toujours.
tier_set_done = ✅ Niveau { $tier } enregistré.
tier_removed_done = ✅ Niveau { $tier } retiré.
tier_window_done = ✅ Période enregistrée.
tier_changes_later = Les clients passent à leur nouveau niveau à leur prochaine visite ou lors du prochain passage, et en sont avertis.

# Refus : rien n'a été modifié.
tier_usage =
    Utilisation : /tiers ID, ou /tiers ID NOM POINTS MULTIPLICATEUR (ex. /tiers 3 Argent 500 1.25),
    /tiers ID remove NOM, /tiers ID window MOIS (ou : window none).
tier_line_usage = Envoyez un nom, les points gagnés et le multiplicateur, par exemple : Argent 500 1.25
tier_name_empty = Un niveau doit avoir un nom.
tier_name_too_long = Le nom d'un niveau peut compter au plus { $maximum } caractères.
tier_bad_threshold = Les points d'un niveau doivent être un nombre entier de 1 à { $maximum }.
tier_bad_multiplier = « { $value } » n'est pas un multiplicateur : utilisez un nombre de 1 à 5 avec au plus deux décimales, comme 1.25.
tier_name_twice = Deux niveaux ne peuvent pas porter le même nom.
tier_threshold_twice = Un autre niveau commence déjà à { $threshold } : chaque niveau demande plus de points que celui d'en dessous.
tier_multiplier_falls = { $upper } demande plus de points que { $lower }, son multiplicateur ne peut donc pas être plus petit.
tier_too_many = Un programme peut avoir au plus { $maximum } niveaux.
tier_bad_window = La période est un nombre de mois de { $minimum } à { $maximum }, ou none.
tier_not_found = Aucun niveau nommé « { $name } » dans ce programme.

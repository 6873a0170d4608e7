## Le graphique de /stats : titre, panneaux et légende.

chart_title = { $business } : { $days ->
        [one] le dernier jour
       *[other] les { $days } derniers jours
    }
chart_visits = Visites
chart_issued = Points attribués
chart_redeemed = Points utilisés
chart_new = Nouveaux clients
chart_returning = Clients fidèles
chart_staff = Équipe : scans et ajouts manuels
chart_scans = Scans
chart_manual = Ajouts manuels
chart_nobody = Pas encore d’activité de l’équipe

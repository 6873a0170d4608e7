## Textes côté commerce : commandes du personnel, programmes, scans, clients.

biz_ask_name = Comment s'appelle votre commerce ? Envoyez son nom (ou /cancel).
biz_created =
    🏪 { $business } est enregistré et vous en êtes le propriétaire.
    Créez maintenant un programme de fidélité : /newprogram (ou /bhelp pour toutes les commandes du personnel).
cancelled = Annulé.
biz_list_header = Vous travaillez pour ces commerces. Choisissez celui pour lequel vous agissez :
biz_list_line = { $marker } { $business } ({ $role })
biz_chosen = Vous agissez désormais pour { $business }.
staff_header =
    👥 Personnel de { $business }
    Invitez votre équipe avec ce lien (toute personne qui l'ouvre rejoint le personnel) :
    { $link }
staff_line = • { $name } ({ $role })
staff_removed = ✅ Retiré du personnel.
staff_remove_button = Retirer { $name }
bhelp =
    Commandes du personnel
    📷 Envoyez une photo du QR code d'un client pour ajouter des points, ou /code K7QX-4M2P.
    /customers : nos clients et leur historique
    /invite K7QX-4M2P : inviter un client au programme par défaut
    /stats : scans, points et clients aujourd'hui, sur 7 et 30 jours
    /poster : une affiche à imprimer avec le QR code d'inscription
    /business : choisir le commerce pour lequel vous agissez
    /timezone : le fuseau horaire des dates
    Propriétaire uniquement
    /newprogram : créer un programme (ou /newprogram Club café | points | 10 | 100 | Café offert)
    /programs : programmes, liens d'inscription, programme par défaut et désactivation
    /editprogram <id> <champ> <valeur> : modifier un programme
    /staff : le lien d'invitation et la liste du personnel
    /export : clients et mouvements en CSV
    /newbusiness : enregistrer un autre commerce
invite_usage = Envoyez le code du client ainsi : /invite K7QX-4M2P
invite_sent = 📨 Invitation à { $program } envoyée à { $customer }.
prog_ask_name = Créons un programme. Comment s'appelle-t-il ? (/cancel pour arrêter)
prog_ask_kind = Points ou tampons ?
prog_kind_points = Points
prog_kind_stamps = Tampons
prog_ask_points = Combien de { $kind ->
        [stamps] tampons
       *[points] points
    } par scan ? Envoyez un nombre.
prog_ask_threshold = Combien de { $kind ->
        [stamps] tampons
       *[points] points
    } pour obtenir la récompense ? Envoyez un nombre.
prog_ask_reward = Comment s'appelle la récompense ? (par ex. Café offert)
prog_kind_chosen = Type : { $kind ->
        [stamps] tampons
       *[points] points
    }.
prog_created =
    ✅ Programme #{ $id } { $program } créé : { $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } par scan, { $reward } à { $threshold }.
    Les clients s'inscrivent avec ce lien :
    { $link }
prog_usage =
    En une ligne : /newprogram nom | points ou stamps (tels quels, en anglais) | par scan | récompense à | nom de la récompense [| plafond quotidien]
    par exemple /newprogram Club café | points | 10 | 100 | Café offert
prog_bad_kind = Le type doit être « points » ou « stamps » (tampons), écrit tel quel.
prog_list_empty = Aucun programme pour l'instant. Créez-en un avec /newprogram.
prog_line =
    { $marker } #{ $id } { $program } ({ $kind ->
        [stamps] tampons
       *[points] points
    }){ $state }
       { $points } par scan, au plus { $max } par scan, plafond quotidien : { $cap }
       Lien d'inscription : { $link }
prog_default_marker = ⭐
prog_inactive_state = {" "}(inactif)
prog_no_cap = aucun
prog_make_default_button = ⭐ Par défaut #{ $id }
prog_deactivate_button = ⏸ Désactiver #{ $id }
prog_made_default = #{ $id } { $program } est maintenant le programme par défaut.
prog_deactivated = #{ $id } { $program } est désactivé.
prog_edit_usage = Envoyez /editprogram <id> <champ> <valeur> ; champs (tels quels) : name, points_per_scan, max_per_scan, daily_cap (0 le supprime).
prog_edited = ✅ #{ $id } { $program } modifié : { $field } = { $value }.
customers_empty = Aucun client pour l'instant.
customers_header = 👥 Clients ({ $total }), page { $page } sur { $pages } :
customers_line = { $n }. { $name } : solde { $balance }, visites { $visits }, dernière visite { $last }
customers_prev = ⬅️ Précédent
customers_next = Suivant ➡️
customer_history_button = 📜 { $name }
customer_history_header = 📜 Historique ici pour { $customer } :
customer_history_line = { $when }  { $delta }  { $program }  { $reason }
customer_history_empty = 📜 { $customer } n'a encore aucun historique de points ici.
stats_header = 📊 Statistiques
stats_period = { $period } : { $scans ->
        [one] { $scans } scan
       *[other] { $scans } scans
    }, { $issued ->
        [one] { $issued } point attribué
       *[other] { $issued } points attribués
    }, { $redeemed ->
        [one] { $redeemed } échangé
       *[other] { $redeemed } échangés
    }, { $new ->
        [one] { $new } nouveau client
       *[other] { $new } nouveaux clients
    } et { $active ->
        [one] { $active } client actif
       *[other] { $active } clients actifs
    }
stats_today = Aujourd'hui
stats_7d = 7 derniers jours
stats_30d = 30 derniers jours
export_caption = { $what } de { $business } ({ $rows ->
        [one] { $rows } ligne
       *[other] { $rows } lignes
    })
export_customers = Clients
export_ledger = Mouvements
poster_caption = 🖨 Affiche pour { $program } : imprimez-la et placez-la près de la caisse.
role_owner = propriétaire
role_staff = équipe
thing_program = du programme
thing_reward = de la récompense
thing_business = du commerce
cancel_word = annuler
tz_usage =
    🕐 Les dates de { $business } sont affichées à l’heure de { $zone }.
    Pour la changer, envoyez le nom du fuseau, par exemple : /timezone Europe/Paris
tz_set = 🕐 C’est fait : les dates de { $business } sont désormais à l’heure de { $zone }.

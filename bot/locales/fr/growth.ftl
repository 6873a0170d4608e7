## Outils de croissance : liens de parrainage et codes promo (domain.growth).

cmd_refer = Inviter un ami
cmd_promo = Saisir un code promo
cmd_newpromo = Codes promo pour les clients

reason_referral = bonus de parrainage
reason_promo = code promo

# /refer : les liens « invitez un ami » du client
referral_links_title = 👋 Invitez un ami. Quand il s'inscrit avec votre lien et fait sa première visite, vous recevez tous les deux un bonus :
referral_link_line =
    🏪 { $business } : +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } chacun
    { $link }
referral_links_none = Aucun des endroits où vous avez une carte n'offre encore de bonus de parrainage.

# Un ami a ouvert un lien de parrainage
referral_joined =
    ✅ Vous avez rejoint { $program } chez { $business } sur l'invitation d'un ami. Numéro de carte : { $number }.
    À votre première visite, vous recevez tous les deux +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    }.
referral_joined_no_bonus = ✅ Vous avez rejoint { $program } chez { $business } sur l'invitation d'un ami. Numéro de carte : { $number }.
referral_link_unknown = Ce lien d'invitation ne fonctionne pas : l'établissement n'existe peut-être plus, ou le lien est mal recopié.
referral_own_link = C'est votre propre lien d'invitation : envoyez-le plutôt à un ami.
referral_already_referred = Un ami vous a déjà invité dans cet établissement ; une invitation ne compte qu'une fois.
referral_not_new = Vous êtes déjà client de cet établissement : les invitations sont pour les nouveaux clients.

# Messages quand la première visite de l'ami règle le parrainage
referral_rewarded_friend =
    🎁 { $business } : +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } de bienvenue sur { $program } pour être venu sur l'invitation d'un ami.
    Solde : { $balance }.
referral_rewarded_referrer =
    🎁 { $business } : votre ami { $friend } a fait sa première visite. +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } sur { $program }.
    Solde : { $balance }.

# /editprogram ID referral_bonus N | referral_cap N
referral_terms_set =
    { $program } : le parrain et l'ami invité reçoivent +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } chacun à la première visite de l'ami.
    Limite de parrainages récompensés par mois et par client : { $cap }.
referral_terms_no_cap =
    { $program } : le parrain et l'ami invité reçoivent +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $bonus ->
            [one] point
           *[other] points
        }
    } chacun à la première visite de l'ami.
    Pas de limite mensuelle par client.
referral_terms_off = { $program } : pas de bonus de parrainage (les liens d'invitation ne donnent rien).

# /promo CODE
promo_usage = Envoyez le code après la commande, par exemple : /promo K7QXM-4M2PZ
promo_redeemed =
    🎟 { $business } : +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } sur { $program } grâce à un code promo.
    Solde : { $balance }.
promo_enrolled = Vous avez maintenant une carte { $program }.
promo_unknown = Ce code promo n'existe pas. Vérifiez-le et réessayez.
promo_expired = Ce code promo a expiré.
promo_used_up = Ce code promo est épuisé.
promo_already_used = Vous avez déjà utilisé ce code promo.
promo_too_many_tries = Trop de codes erronés. Réessayez dans { $minutes } min.
promo_per_customer_over_total = Le nombre d'utilisations par client ne peut pas dépasser le total.

# /newpromo (propriétaire)
newpromo_usage =
    Codes promo pour votre programme par défaut :
    /newpromo batch NOMBRE POINTS JOURS : codes à usage unique (un fichier CSV et une feuille à imprimer)
    /newpromo shared POINTS JOURS TOTAL [PAR_CLIENT] : un code que beaucoup peuvent utiliser
    Exemple : /newpromo batch 50 20 30
promo_batch_made = Codes promo à usage unique créés : { $count }, +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } chacun, valables jusqu'au { $until }.
promo_csv_caption = Codes promo (CSV)
promo_sheet_caption = Codes promo à imprimer et découper
promo_shared_made =
    Code promo partagé { $code } : +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } ; utilisations au total : { $total }, par client : { $per } ; valable jusqu'au { $until }.
    { $link }
promo_sheet_points = +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }
promo_sheet_until = Valable jusqu'au { $until }
promo_sheet_hint = Scannez, ou envoyez /promo et le code au bot

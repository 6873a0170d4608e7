## Expiration des points : l’avertissement, l’expiration, Mes cartes et les réglages du propriétaire dans /programs.

expiry_warning = ⏳ { $business } · { $program } : { $points } { $kind ->
        [stamps] { $points ->
            [one] tampon expire
           *[other] tampons expirent
        }
       *[points] { $points ->
            [one] point expire
           *[other] points expirent
        }
    } le { $on }. Utilisez-{ $points ->
        [one] le
       *[other] les
    } avant !
points_expired = ⌛ { $business } · { $program } : { $points } { $kind ->
        [stamps] { $points ->
            [one] tampon a expiré
           *[other] tampons ont expiré
        }
       *[points] { $points ->
            [one] point a expiré
           *[other] points ont expiré
        }
    }. Solde : { $balance }.
card_expiry_line = ⏳ { $points } { $kind ->
        [stamps] { $points ->
            [one] tampon expire
           *[other] tampons expirent
        }
       *[points] { $points ->
            [one] point expire
           *[other] points expirent
        }
    } le { $on }
reason_expiry = expiré

prog_expiry_line = {"   "}⏳ Expiration : { $state }
expiry_state_off = désactivée (les points n’expirent jamais)
expiry_state_on = après { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }, avertissement { $warning ->
        [one] { $warning } jour
       *[other] { $warning } jours
    } avant
expiry_button = ⏳ Expiration #{ $id }
expiry_settings =
    ⏳ Expiration des points de { $program } (#{ $id }) : { $state }.

    Choisissez avec les boutons, ou envoyez une ligne : /expiry { $id } <jours> [<jours d’avertissement>], par ex. /expiry { $id } 90 7. De 1 à 3650 jours ; /expiry { $id } off la désactive.
expiry_days_button = { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
expiry_warning_button = ⚠️ avertir { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } avant
expiry_off_button = 🚫 Désactiver
expiry_usage = Envoyez /expiry <n° du programme> <jours> [<jours d’avertissement>], par ex. /expiry 3 90 7 ; ou /expiry 3 off pour la désactiver. De 1 à 3650 jours.
expiry_set = ✅ { $program } (#{ $id }) : les points expirent désormais { $state }.
expiry_turned_off = ✅ { $program } (#{ $id }) : les points n’expirent plus.
expiry_days_range = L’expiration doit être de { $min } à { $max } jours. Rien n’a été modifié.
expiry_warning_range = L’avertissement doit venir de 0 à { $max } jours avant. Rien n’a été modifié.
expiry_warning_too_long = L’avertissement doit venir moins de { $days } jours avant (avant que les points expirent). Rien n’a été modifié.

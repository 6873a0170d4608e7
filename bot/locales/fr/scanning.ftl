## Textes que voit le personnel en scannant et en agissant sur une carte scannée.

scan_awarded =
    ✅ { $customer } : +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } sur { $program }.
    Solde : { $balance } (récompense à { $threshold }).
scan_reward_ready = 🎁 { $customer } peut obtenir { $reward } dès maintenant.
scan_not_enrolled = 👤 { $customer } n'a pas encore rejoint { $program } : je lui ai envoyé une invitation.
scan_not_enrolled_pending = 👤 { $customer } n'a pas encore rejoint { $program } et a une invitation en attente.
scan_not_enrolled_declined = 👤 { $customer } n'a pas rejoint { $program } et a demandé à ne pas être invité pour l'instant. Il peut s'inscrire quand il veut avec le lien du programme.
scan_duplicate = ↪️ Déjà compté : code scanné à l'instant pour { $customer }. Solde : { $balance }.
scan_capped = ⛔ { $customer } a atteint la limite du jour sur { $program }. Solde : { $balance }.
scan_invalid = ❌ Ce code n'est pas valide.
scan_forged = ❌ Ce code est falsifié ou modifié. Aucun point n'a été ajouté.
scan_expired = ⌛ Ce code a expiré. Demandez au client de rouvrir « Mon QR ».
scan_revoked = ❌ Ce code a été remplacé par un plus récent. Demandez au client d'ouvrir « Mon QR ».
qr_which = Je vois { $count ->
        [one] { $count } code client
       *[other] { $count } codes clients
    } sur cette photo. Lequel voulez-vous scanner ?
qr_pick = Code { $n } (en partant du haut)
code_usage = Envoyez le code du client ainsi : /code K7QX-4M2P
undone = ↩️ Annulé : −{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }. Solde : { $balance }.
undo_already = Cet ajout a déjà été annulé.
added = ✅ +{ $points } { $kind ->
        [stamps] { $points ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }. Solde : { $balance }.
ask_amount_add = Combien en ajouter ? Envoyez un nombre (ou /cancel).
ask_amount_deduct = Combien en déduire ? Envoyez un nombre (ou /cancel).
request_sent_deduction = 📨 Envoyé au client pour approbation : −{ $amount }.
btn_undo = ↩️ Annuler
btn_other_amount = Autre quantité
btn_redeem = 🎁 Utiliser la récompense
btn_deduct = ➖ Déduire

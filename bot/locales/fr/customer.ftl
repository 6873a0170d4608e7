## Textes côté client : démarrage, QR, cartes, historique, demandes, réglages, aide.

btn_qr = 📱 Mon QR
btn_cards = 💳 Mes cartes
btn_history = 📜 Historique
btn_requests = 📨 Demandes
btn_settings = ⚙️ Réglages
btn_help = ❓ Aide

welcome =
    Bienvenue, { $name } ! 👋

    Montrez votre QR code en caisse pour cumuler des points. Utilisez les boutons ci-dessous pour voir votre code, vos cartes et votre historique.
help =
    Comment ça marche :
    • { $qr } : montrez ce code au personnel ; il le scanne et vous recevez des points.
    • { $cards } : vos cartes de fidélité et vos soldes.
    • { $history } : vos derniers points.
    • { $requests } : les invitations et déductions qui attendent votre réponse.
    • { $settings } : choisissez les messages que vous recevez.
    • /newqr : remplacez votre code si quelqu'un d'autre en a une photo.

    Commerçants : /newbusiness enregistre votre commerce ; /bhelp liste les commandes du personnel.
qr_caption =
    { $name }, montrez ce code en caisse.
    Si l'appareil photo ne marche pas, le personnel peut saisir le code : { $code }
qr_renewed = Votre ancien code ne fonctionne plus. Voici le nouveau :
cards_empty =
    Vous n'avez pas encore de carte de fidélité.
    Montrez votre QR code dans un commerce participant, ou ouvrez le lien d'inscription d'un programme.
cards_header = Vos cartes :
card_line_points =
    🏪 { $business } · { $program }
       { $balance } { $kind ->
        [stamps] { $balance ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    } · { $progress }
card_line_stamps =
    🏪 { $business } · { $program }
       { $stamps } { $balance }/{ $threshold } · { $progress }
progress_left = { $kind ->
        [stamps] { $left ->
            [one] Plus que { $left } tampon avant { $reward }
           *[other] Plus que { $left } tampons avant { $reward }
        }
       *[points] { $left ->
            [one] Plus que { $left } point avant { $reward }
           *[other] Plus que { $left } points avant { $reward }
        }
    }
progress_ready = 🎁 { $reward } vous attend ! Demandez au personnel.
history_empty = Pas encore de points.
history_header = Derniers points :
history_card = 🏪 { $business } · { $program } (solde { $balance })
history_line = { $when } { $delta } { $reason }
history_none = rien pour l'instant
requests_empty = Aucune demande n'attend votre réponse.
settings_header = Messages que vous recevez (touchez pour activer ou désactiver) :
settings_saved = Enregistré.
joined_program = Vous avez rejoint { $program } chez { $business }. Votre carte : { $number }.
already_in_program = Vous avez déjà une carte { $program } chez { $business }.
staff_joined_you = Vous faites maintenant partie du personnel de { $business }. Envoyez /bhelp pour voir vos commandes.
staff_already = Vous faites déjà partie du personnel de { $business }.
own_qr_opened = Ceci est un code de fidélité client. Montrez-le au personnel pour cumuler des points.
answer_accepted = ✅ Vous avez rejoint { $program } chez { $business }.
answer_rejected = Vous avez refusé l'invitation à { $program } chez { $business }.
answer_approved = ✅ Approuvé : −{ $amount } chez { $business }. Nouveau solde : { $balance }.
answer_refused = Vous avez refusé la demande de { $business }. Rien n'a été déduit.
answer_insufficient = Solde insuffisant sur votre carte pour le moment ; rien n'a été déduit chez { $business }.
cat_points_added = Points ajoutés
cat_points_deducted = Points déduits
cat_qr_scanned = QR scanné
cat_enrollment_result = Réponses aux invitations
cat_deduction_result = Réponses aux déductions
cat_reward_reached = Récompenses atteintes
cat_reminder = Rappels
cat_business_news = Actualités des commerces
btn_accept = ✅ Accepter
btn_approve = ✅ Approuver
btn_reject = ❌ Refuser
btn_language = 🌐 Langue : { $language }
language_header = Choisissez la langue dans laquelle je vous parle :
language_chosen = Désormais, je parle français.

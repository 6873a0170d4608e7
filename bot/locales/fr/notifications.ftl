## Textes des messages de l'outbox, selon le nom de modèle qu'écrit le domaine.

points_added =
    ☕ { $business } : +{ $points } { $kind ->
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
points_undone = ↩️ { $business } : { $points } { $kind ->
        [stamps] { $points ->
            [one] tampon retiré
           *[other] tampons retirés
        }
       *[points] { $points ->
            [one] point retiré
           *[other] points retirés
        }
    }. Solde : { $balance }.
reward_reached = 🎁 Vous avez gagné { $reward } chez { $business } ! Demandez au personnel pour en profiter.
qr_scanned_again = { $business } a scanné à nouveau votre QR ; cette visite était déjà comptée.
qr_scanned_capped = { $business } a scanné votre QR ; la limite du jour est atteinte.
enrollment_request =
    🏪 { $business } vous invite à { $program }.
    Cumulez des { $kind ->
        [stamps] tampons
       *[points] points
    } à chaque visite ; à { $threshold }, vous obtenez { $reward }.
    Rejoindre le programme ?
enrollment_request_short = 🏪 { $business } vous invite à { $program }. Rejoindre le programme ?
deduction_request =
    🏪 { $business } demande à déduire { $amount } { $kind ->
        [stamps] { $amount ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } de { $program }{ $reason_suffix }.
    Votre solde : { $balance }. Approuver ?
enrollment_expired = L'invitation à { $program } chez { $business } a expiré.
deduction_expired = La demande de { $business } de déduire { $amount } { $kind ->
        [stamps] { $amount ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } a expiré.
redemption_expired = La demande de { $business } pour utiliser une récompense a expiré.
enrollment_reminder = Rappel : { $business } vous invite à { $program }. Rejoindre le programme ?
reward_near = Plus qu'une visite chez { $business } pour { $reward } !
we_miss_you = Vous nous manquez chez { $business } ! Votre solde sur { $program } est de { $balance }.
business_news = 📣 { $business } : { $text }
staff_joined = 👤 { $name } a rejoint le personnel de { $business }.
enrollment_approved = ✅ { $customer } a rejoint { $program }.
enrollment_rejected = ❌ { $customer } a refusé l'invitation à { $program }.
deduction_approved = ✅ { $customer } a approuvé −{ $amount } { $kind ->
        [stamps] { $amount ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    }. Nouveau solde : { $balance }.
deduction_rejected = ❌ { $customer } a refusé la déduction de { $amount } { $kind ->
        [stamps] { $amount ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    }.
deduction_cancelled = ⚠️ { $customer } a approuvé, mais le solde ne suffit plus.
redemption_rejected = ❌ { $customer } a refusé l'échange.
redemption_cancelled = ⚠️ { $customer } a approuvé, mais le solde ne suffit plus.
owner_digest = 📊 { $business } hier : { $scans ->
        [one] { $scans } scan
       *[other] { $scans } scans
    }, { $issued ->
        [one] { $issued } point attribué
       *[other] { $issued } points attribués
    }, { $redeemed ->
        [one] { $redeemed } récompense échangée
       *[other] { $redeemed } récompenses échangées
    }, { $new ->
        [one] { $new } nouveau client
       *[other] { $new } nouveaux clients
    }.
broadcast_usage = Écrivez l'annonce après la commande : /broadcast Croissants tout frais aujourd'hui !
broadcast_text = L'annonce doit faire entre 1 et { $limit ->
        [one] { $limit } caractère
       *[other] { $limit } caractères
    }.
broadcast_progress = 📣 Envoi en cours… { $sent } / { $total } envoyés
broadcast_done = 📣 Diffusion terminée : { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $blocked ->
        [one] { $blocked } a bloqué le bot
       *[other] { $blocked } ont bloqué le bot
    }, { $failed ->
        [one] { $failed } échec
       *[other] { $failed } échecs
    }, { $suppressed ->
        [one] { $suppressed } a désactivé les actualités
       *[other] { $suppressed } ont désactivé les actualités
    }.
broadcast_stopped = 📣 Diffusion toujours en cours : { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $blocked ->
        [one] { $blocked } a bloqué le bot
       *[other] { $blocked } ont bloqué le bot
    }, { $failed ->
        [one] { $failed } échec
       *[other] { $failed } échecs
    } pour l'instant.
reason_suffix = {" "}({ $reason })

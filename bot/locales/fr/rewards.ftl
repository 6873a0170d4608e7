## Échelle de récompenses : réglages du propriétaire dans /programs, choix du personnel, réponses au client.

ladder_rung = { $reward } : { $cost } { $kind ->
        [stamps] { $cost ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $cost ->
            [one] point
           *[other] points
        }
    }
ladder_line = {"   "}🎁 { $rewards }
ladder_none = pas encore de récompense
ladder_title = 🎁 Récompenses de #{ $id } { $program } :
ladder_row = { $n }. { $rung }
ladder_keeps = L'échange garde les tampons : chaque récompense est donnée une fois par carte.
ladder_consumes = L'échange dépense les { $kind ->
        [stamps] tampons
       *[points] points
    } de la récompense.
ladder_help = ➕ ajoute une récompense, ✏️ la renomme ou change son coût, ❌ la retire. Les coûts montent le long de l'échelle.
ladder_button = 🎁 Récompenses de #{ $id }
ladder_add_button = ➕ Ajouter une récompense
ladder_edit_button = ✏️ { $reward }
ladder_remove_button = ❌ { $reward }
ladder_keep_on = Tampons gardés à l'échange ✅ (touchez pour les dépenser)
ladder_keep_off = Tampons dépensés à l'échange (touchez pour les garder)
ladder_ask_add = Envoyez la nouvelle récompense en une ligne, le coût puis le nom, par exemple : 10 Café
ladder_ask_edit = { $reward } coûte { $cost } aujourd'hui. Envoyez un nouveau coût (un nombre), un nouveau nom, ou les deux (par exemple : 12 Grand café).
ladder_confirm_remove = Retirer { $rung } ? Elle ne sera plus proposée, et les demandes en attente pour elle seront refusées.
ladder_remove_yes = ❌ Oui, retirer { $reward }
ladder_added = ✅ { $reward } ajoutée à { $cost }.
ladder_renamed = ✅ { $before } s'appelle maintenant { $reward } (coût { $cost }).
ladder_recosted = ✅ { $reward } coûte maintenant { $cost } (avant : { $before_cost }).
ladder_removed = ✅ { $reward } retirée.
ladder_kept = ✅ L'échange garde désormais les tampons ; chaque récompense est donnée une fois par carte.
ladder_consumed = ✅ L'échange dépense désormais les tampons.
ladder_empty = Un programme a besoin d'au moins une récompense : ajoutez-en une autre avant de retirer celle-ci. Rien n'a changé.
ladder_too_long = Un programme a au plus { $maximum } récompenses. Rien n'a changé.
ladder_costs_not_increasing = Les coûts doivent monter le long de l'échelle : { $reward } à { $cost } ne dépasse pas { $previous }. Rien n'a changé.
reward_line_usage = Envoyez un coût et un nom, par exemple : 10 Café
reward_not_found = Cette récompense n'est plus proposée.
reward_already_given = { $reward } a déjà été donnée sur cette carte : ce programme garde les tampons et donne chaque récompense une seule fois.
keep_stamps_only = Seul un programme à tampons peut garder les tampons à l'échange.
redeem_choose = 🎁 Quelle récompense ? Solde : { $balance } { $kind ->
        [stamps] { $balance ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    }.
redeem_reward_button = 🎁 { $reward } ({ $cost })
redeem_none = Pas encore assez : le solde est de { $balance } { $kind ->
        [stamps] { $balance ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    } ; la première récompense est { $rung }.
redeem_none_left = Toutes les récompenses ont déjà été données sur cette carte.
request_sent_reward = 📨 Envoyé au client pour approbation : { $reward }.
reward_request =
    🎁 { $business } demande à échanger { $reward } contre { $amount } { $kind ->
        [stamps] { $amount ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } de { $program }.
    Votre solde : { $balance }. Vous approuvez ?
reward_request_kept =
    🎁 { $business } vous demande de confirmer que vous recevez { $reward } de { $program }.
    Vos { $balance } { $kind ->
        [stamps] { $balance ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    } restent sur la carte. Vous approuvez ?
answer_reward_redeemed = 🎁 Profitez de { $reward } chez { $business } ! Solde : { $balance }.
answer_reward_removed = { $business } ne propose plus { $reward } ; rien n'a été déduit.
progress_all_given = 🏁 Toutes les récompenses obtenues !
reward_redeemed = 🎁 { $customer } a échangé { $reward }. Solde : { $balance }.
redemption_reward_removed = ⚠️ { $customer } a approuvé { $reward }, mais elle a été retirée entre-temps : rien n'a été déduit.

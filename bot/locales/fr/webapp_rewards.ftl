# L'échelle de récompenses d'une carte dans la Mini App (bot/webapp/cards.py).
webapp_rewards = Récompenses
webapp_rung_ready = ✅ Prête
webapp_rung_claimed = ✔️ Déjà obtenue
webapp_rung_to_go = encore { $left } { $kind ->
        [stamps] { $left ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $left ->
            [one] point
           *[other] points
        }
    }
webapp_rung_cost = { $cost } { $kind ->
        [stamps] { $cost ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $cost ->
            [one] point
           *[other] points
        }
    }

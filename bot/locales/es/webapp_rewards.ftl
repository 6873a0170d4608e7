# Escalera de recompensas de una tarjeta en la Mini App (bot/webapp/cards.py).
webapp_rewards = Recompensas
webapp_rung_ready = ✅ Lista
webapp_rung_claimed = ✔️ Ya canjeada
webapp_rung_to_go = { $left ->
        [one] falta
       *[other] faltan
    } { $left } { $kind ->
        [stamps] { $left ->
            [one] sello
           *[other] sellos
        }
       *[points] { $left ->
            [one] punto
           *[other] puntos
        }
    }
webapp_rung_cost = { $cost } { $kind ->
        [stamps] { $cost ->
            [one] sello
           *[other] sellos
        }
       *[points] { $cost ->
            [one] punto
           *[other] puntos
        }
    }

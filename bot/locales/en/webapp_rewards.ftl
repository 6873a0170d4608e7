# The Mini App's rewards ladder on a wallet card (bot/webapp/cards.py).
webapp_rewards = Rewards
webapp_rung_ready = ✅ Ready
webapp_rung_claimed = ✔️ Already had
webapp_rung_to_go = { $left } { $kind ->
        [stamps] { $left ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $left ->
            [one] point
           *[other] points
        }
    } to go
webapp_rung_cost = { $cost } { $kind ->
        [stamps] { $cost ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $cost ->
            [one] point
           *[other] points
        }
    }

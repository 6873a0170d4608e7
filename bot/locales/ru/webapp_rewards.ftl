# Лестница наград на карте в мини-приложении (bot/webapp/cards.py).
webapp_rewards = Награды
webapp_rung_ready = ✅ Готово
webapp_rung_claimed = ✔️ Уже получено
webapp_rung_to_go = ещё { $left } { $kind ->
        [stamps] { $left ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $left ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }
webapp_rung_cost = { $cost } { $kind ->
        [stamps] { $cost ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $cost ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }

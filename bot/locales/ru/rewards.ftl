## Лестница наград: настройки владельца в /programs, выбор персонала, ответы клиенту.

ladder_rung = «{ $reward }»: { $cost } { $kind ->
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
ladder_line = {"   "}🎁 { $rewards }
ladder_none = наград пока нет
ladder_title = 🎁 Награды программы #{ $id } «{ $program }»:
ladder_row = { $n }. { $rung }
ladder_keeps = При выдаче награды штампы остаются: каждая награда выдаётся один раз на карту.
ladder_consumes = При выдаче награды её { $kind ->
        [stamps] штампы
       *[points] баллы
    } списываются.
ladder_help = ➕ добавляет награду, ✏️ меняет её название или цену, ❌ убирает её. Цены растут вверх по лестнице.
ladder_button = 🎁 Награды #{ $id }
ladder_add_button = ➕ Добавить награду
ladder_edit_button = ✏️ { $reward }
ladder_remove_button = ❌ { $reward }
ladder_keep_on = Штампы остаются при выдаче ✅ (нажмите, чтобы списывать)
ladder_keep_off = Штампы списываются при выдаче (нажмите, чтобы оставлять)
ladder_ask_add = Отправьте новую награду одной строкой: цену, затем название, например: 10 Кофе
ladder_ask_edit = «{ $reward }» сейчас стоит { $cost }. Отправьте новую цену (число), новое название или и то и другое (например: 12 Большой кофе).
ladder_confirm_remove = Убрать { $rung }? Её больше не будут предлагать, а ожидающие запросы на неё будут отклонены.
ladder_remove_yes = ❌ Да, убрать «{ $reward }»
ladder_added = ✅ Награда «{ $reward }» добавлена, цена { $cost }.
ladder_renamed = ✅ «{ $before }» теперь называется «{ $reward }» (цена { $cost }).
ladder_recosted = ✅ «{ $reward }» теперь стоит { $cost } (было { $before_cost }).
ladder_removed = ✅ Награда «{ $reward }» убрана.
ladder_kept = ✅ Теперь при выдаче штампы остаются; каждая награда выдаётся один раз на карту.
ladder_consumed = ✅ Теперь при выдаче штампы списываются.
ladder_empty = В программе должна быть хотя бы одна награда: добавьте другую, прежде чем убрать эту. Ничего не изменено.
ladder_too_long = В программе может быть не больше { $maximum } наград. Ничего не изменено.
ladder_costs_not_increasing = Цены должны расти вверх по лестнице: «{ $reward }» за { $cost } не дороже { $previous }. Ничего не изменено.
reward_line_usage = Отправьте цену и название, например: 10 Кофе
reward_not_found = Эта награда больше не предлагается.
reward_already_given = «{ $reward }» уже выдана по этой карте: в этой программе штампы остаются, и каждая награда выдаётся один раз.
keep_stamps_only = Оставлять штампы при выдаче может только программа со штампами.
redeem_choose = 🎁 Какую награду? Баланс: { $balance } { $kind ->
        [stamps] { $balance ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $balance ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }.
redeem_reward_button = 🎁 { $reward } ({ $cost })
redeem_none = Пока не хватает: на балансе { $balance } { $kind ->
        [stamps] { $balance ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $balance ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }; первая награда — { $rung }.
redeem_none_left = Все награды по этой карте уже выданы.
request_sent_reward = 📨 Отправлено клиенту на подтверждение: «{ $reward }».
reward_request =
    🎁 { $business } просит выдать «{ $reward }» за { $amount } { $kind ->
        [stamps] { $amount ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $amount ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } из «{ $program }».
    Ваш баланс: { $balance }. Подтверждаете?
reward_request_kept =
    🎁 { $business } просит подтвердить, что вы получаете «{ $reward }» из «{ $program }».
    Ваши { $balance } { $kind ->
        [stamps] { $balance ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $balance ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } остаются на карте. Подтверждаете?
answer_reward_redeemed = 🎁 Приятного «{ $reward }» в { $business }! Баланс: { $balance }.
answer_reward_removed = { $business } больше не предлагает «{ $reward }»; ничего не списано.
progress_all_given = 🏁 Все награды получены!
reward_redeemed = 🎁 { $customer } получает «{ $reward }». Баланс: { $balance }.
redemption_reward_removed = ⚠️ { $customer } подтверждает «{ $reward }», но её уже убрали: ничего не списано.

## Сгорание баллов: предупреждение, сгорание, «Мои карты» и настройки владельца в /programs.

expiry_warning = ⏳ { $business } · { $program }: срок действия { $points } { $kind ->
        [stamps] { $points ->
            [one] штампа
            [few] штампов
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балла
            [few] баллов
            [many] баллов
           *[other] балла
        }
    } истекает { $on }. Успейте потратить!
points_expired = ⌛ { $business } · { $program }: истёк срок действия { $points } { $kind ->
        [stamps] { $points ->
            [one] штампа
            [few] штампов
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балла
            [few] баллов
            [many] баллов
           *[other] балла
        }
    }. Баланс: { $balance }.
card_expiry_line = ⏳ срок действия { $points } { $kind ->
        [stamps] { $points ->
            [one] штампа
            [few] штампов
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балла
            [few] баллов
            [many] баллов
           *[other] балла
        }
    } истекает { $on }
reason_expiry = срок истёк

prog_expiry_line = {"   "}⏳ Сгорание: { $state }
expiry_state_off = выключено (баллы не сгорают)
expiry_state_on = через { $days } { $days ->
        [one] день
        [few] дня
        [many] дней
       *[other] дня
    }, предупреждение за { $warning } { $warning ->
        [one] день
        [few] дня
        [many] дней
       *[other] дня
    }
expiry_button = ⏳ Сгорание #{ $id }
expiry_settings =
    ⏳ Сгорание баллов в { $program } (#{ $id }): { $state }.

    Выберите кнопкой или отправьте одну строку: /expiry { $id } <дни> [<дни предупреждения>], например /expiry { $id } 90 7. От 1 до 3650 дней; /expiry { $id } off выключает сгорание.
expiry_days_button = { $days } { $days ->
        [one] день
        [few] дня
        [many] дней
       *[other] дня
    }
expiry_warning_button = ⚠️ предупредить за { $days } { $days ->
        [one] день
        [few] дня
        [many] дней
       *[other] дня
    }
expiry_off_button = 🚫 Выключить
expiry_usage = Отправьте /expiry <номер программы> <дни> [<дни предупреждения>], например /expiry 3 90 7; или /expiry 3 off, чтобы выключить сгорание. От 1 до 3650 дней.
expiry_set = ✅ { $program } (#{ $id }): теперь баллы сгорают { $state }.
expiry_turned_off = ✅ { $program } (#{ $id }): баллы больше не сгорают.
expiry_days_range = Срок должен быть от { $min } до { $max } дней. Ничего не изменено.
expiry_warning_range = Предупреждение должно быть за 0–{ $max } дней. Ничего не изменено.
expiry_warning_too_long = Предупреждение должно приходить меньше чем за { $days } дней (до сгорания баллов). Ничего не изменено.

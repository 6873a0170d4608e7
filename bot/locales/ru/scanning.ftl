## Тексты, которые видит персонал при сканировании и действиях с картой.

scan_awarded =
    ✅ { $customer }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } в программе «{ $program }».
    Баланс: { $balance } (награда при накоплении { $threshold }).
scan_reward_ready = 🎁 { $customer } может получить «{ $reward }» прямо сейчас.
scan_not_enrolled = 👤 { $customer } ещё не в программе «{ $program }»: приглашение отправлено.
scan_not_enrolled_pending = 👤 { $customer } ещё не в программе «{ $program }», приглашение уже ждёт ответа.
scan_not_enrolled_declined = 👤 { $customer } не в программе «{ $program }» и попросил(а) пока не приглашать. Вступить можно в любой момент по ссылке программы.
scan_duplicate = ↪️ Уже засчитано: код клиента { $customer } только что сканировали. Баланс: { $balance }.
scan_capped = ⛔ { $customer }: дневной лимит в программе «{ $program }» исчерпан. Баланс: { $balance }.
scan_invalid = ❌ Этот код недействителен.
scan_forged = ❌ Этот код подделан или изменён. Баллы не начислены.
scan_expired = ⌛ Срок действия кода истёк. Попросите клиента снова открыть «Мой QR».
scan_revoked = ❌ Этот код заменён новым. Попросите клиента открыть «Мой QR».
qr_which = На фото я вижу { $count } { $count ->
        [one] код клиента
        [few] кода клиентов
        [many] кодов клиентов
       *[other] кода клиентов
    }. Какой из них отсканировать?
qr_pick = Код { $n } (считая сверху)
code_usage = Отправьте код клиента так: /code K7QX-4M2P
undone = ↩️ Отменено: −{ $points } { $kind ->
        [stamps] { $points ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }. Баланс: { $balance }.
undo_already = Это начисление уже отменено.
added = ✅ +{ $points } { $kind ->
        [stamps] { $points ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $points ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }. Баланс: { $balance }.
ask_amount_add = Сколько начислить? Отправьте число (или /cancel).
ask_amount_deduct = Сколько списать? Отправьте число (или /cancel).
request_sent_deduction = 📨 Отправлено клиенту на подтверждение: −{ $amount }.
btn_undo = ↩️ Отменить
btn_other_amount = Другое количество
btn_redeem = 🎁 Выдать награду
btn_deduct = ➖ Списать

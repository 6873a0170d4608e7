## Тексты сообщений из outbox, по имени шаблона, которое пишет домен.

points_added =
    ☕ { $business }: +{ $points } { $kind ->
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
points_undone = ↩️ { $business }: отменено начисление { $points } { $kind ->
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
reward_reached = 🎁 Вы накопили на «{ $reward }» в { $business }! Попросите персонал выдать награду.
qr_scanned_again = Ваш QR-код снова отсканирован в { $business }; этот визит уже засчитан.
qr_scanned_capped = Ваш QR-код отсканирован в { $business }; дневной лимит уже исчерпан.
enrollment_request =
    🏪 { $business } приглашает вас в программу «{ $program }».
    Копите { $kind ->
        [stamps] штампы
       *[points] баллы
    } за каждый визит; при накоплении { $threshold } вы получите «{ $reward }».
    Вступить?
enrollment_request_short = 🏪 { $business } приглашает вас в программу «{ $program }». Вступить?
deduction_request =
    🏪 { $business } просит списать { $amount } { $kind ->
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
    } в программе «{ $program }»{ $reason_suffix }.
    Ваш баланс: { $balance }. Подтвердить?
enrollment_expired = Срок приглашения в программу «{ $program }» ({ $business }) истёк.
deduction_expired = Срок запроса от { $business } на списание { $amount } { $kind ->
        [stamps] { $amount ->
            [one] штампа
            [few] штампов
            [many] штампов
           *[other] штампа
        }
       *[points] { $amount ->
            [one] балла
            [few] баллов
            [many] баллов
           *[other] балла
        }
    } истёк.
redemption_expired = Срок запроса от { $business } на выдачу награды истёк.
enrollment_reminder = Напоминаем: { $business } приглашает вас в программу «{ $program }». Вступить?
reward_near = Ещё один визит в { $business } — и вы получите «{ $reward }»!
we_miss_you = Мы скучаем! Ждём вас в { $business }. Ваш баланс в программе «{ $program }»: { $balance }.
business_news = 📣 { $business }: { $text }
staff_joined = 👤 { $name } теперь в персонале { $business }.
enrollment_approved = ✅ { $customer } теперь в программе «{ $program }».
enrollment_rejected = ❌ { $customer }: приглашение в «{ $program }» отклонено.
deduction_approved = ✅ { $customer } подтверждает списание: −{ $amount } { $kind ->
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
    }. Новый баланс: { $balance }.
deduction_rejected = ❌ { $customer }: списание { $amount } { $kind ->
        [stamps] { $amount ->
            [one] штампа
            [few] штампов
            [many] штампов
           *[other] штампа
        }
       *[points] { $amount ->
            [one] балла
            [few] баллов
            [many] баллов
           *[other] балла
        }
    } отклонено.
deduction_cancelled = ⚠️ { $customer } подтверждает, но баланса уже не хватает.
redemption_rejected = ❌ { $customer }: обмен на награду отклонён.
redemption_cancelled = ⚠️ { $customer } подтверждает, но баланса уже не хватает.
owner_digest = 📊 { $business } вчера: { $scans } { $scans ->
        [one] сканирование
        [few] сканирования
        [many] сканирований
       *[other] сканирования
    }, выдано баллов: { $issued }, получено наград: { $redeemed }, { $new } { $new ->
        [one] новый клиент
        [few] новых клиента
        [many] новых клиентов
       *[other] новых клиента
    }.
broadcast_usage = Напишите новость после команды: /broadcast Сегодня свежие круассаны!
broadcast_text = Новость должна быть длиной от 1 до { $limit } { $limit ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }.
broadcast_progress = 📣 Отправка… отправлено { $sent } / { $total }
broadcast_done = 📣 Рассылка завершена: отправлено — { $sent }, заблокировали бота — { $blocked }, ошибок — { $failed }, отключили новости — { $suppressed }.
broadcast_stopped = 📣 Рассылка ещё идёт: пока отправлено — { $sent }, заблокировали бота — { $blocked }, ошибок — { $failed }.
reason_suffix = {" "}({ $reason })

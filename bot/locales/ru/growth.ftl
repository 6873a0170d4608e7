## Инструменты роста: приглашения друзей и промокоды (domain.growth).

cmd_refer = Пригласить друга
cmd_promo = Ввести промокод
cmd_newpromo = Промокоды для клиентов

reason_referral = бонус за приглашение
reason_promo = промокод

# /refer: ссылки клиента «пригласи друга»
referral_links_title = 👋 Пригласите друга. Когда он присоединится по вашей ссылке и придёт в первый раз, вы оба получите бонус:
referral_link_line =
    🏪 { $business }: +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $bonus ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } каждому
    { $link }
referral_links_none = Ни одно из мест, где у вас есть карта, пока не даёт бонус за приглашение друзей.

# Друг открыл ссылку-приглашение
referral_joined =
    ✅ Вы присоединились к программе «{ $program }» в { $business } по приглашению друга. Номер карты: { $number }.
    При первом визите вы оба получите +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $bonus ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    }.
referral_joined_no_bonus = ✅ Вы присоединились к программе «{ $program }» в { $business } по приглашению друга. Номер карты: { $number }.
referral_link_unknown = Эта ссылка-приглашение не работает: возможно, заведения больше нет или ссылка скопирована с ошибкой.
referral_own_link = Это ваша собственная ссылка-приглашение: отправьте её другу.
referral_already_referred = Вас уже пригласил в это заведение друг; приглашение засчитывается один раз.
referral_not_new = Вы уже клиент этого заведения: приглашения — для новых клиентов.

# Сообщения, когда первый визит друга закрывает приглашение
referral_rewarded_friend =
    🎁 { $business }: +{ $points } { $kind ->
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
    } приветственного бонуса в программе «{ $program }» за приход по приглашению друга.
    Баланс: { $balance }.
referral_rewarded_referrer =
    🎁 { $business }: ваш друг { $friend } пришёл в первый раз. +{ $points } { $kind ->
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
    Баланс: { $balance }.

# /editprogram ID referral_bonus N | referral_cap N
referral_terms_set =
    { $program }: пригласивший и приглашённый друг получают по +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $bonus ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } при первом визите друга.
    Лимит вознаграждённых приглашений в месяц на клиента: { $cap }.
referral_terms_no_cap =
    { $program }: пригласивший и приглашённый друг получают по +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [one] штамп
            [few] штампа
            [many] штампов
           *[other] штампа
        }
       *[points] { $bonus ->
            [one] балл
            [few] балла
            [many] баллов
           *[other] балла
        }
    } при первом визите друга.
    Без месячного лимита на клиента.
referral_terms_off = { $program }: бонуса за приглашение нет (ссылки-приглашения ничего не дают).

# /promo КОД
promo_usage = Отправьте код после команды, например: /promo K7QXM-4M2PZ
promo_redeemed =
    🎟 { $business }: +{ $points } { $kind ->
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
    } в программе «{ $program }» по промокоду.
    Баланс: { $balance }.
promo_enrolled = Теперь у вас есть карта программы «{ $program }».
promo_unknown = Такого промокода нет. Проверьте его и попробуйте снова.
promo_expired = Срок действия этого промокода истёк.
promo_used_up = Этот промокод уже израсходован.
promo_already_used = Вы уже использовали этот промокод.
promo_too_many_tries = Слишком много неверных кодов. Попробуйте снова через { $minutes } мин.
promo_per_customer_over_total = Использований на клиента не может быть больше, чем всего.

# /newpromo (владелец)
newpromo_usage =
    Промокоды для программы по умолчанию:
    /newpromo batch КОЛИЧЕСТВО БАЛЛЫ ДНИ: одноразовые коды (файл CSV и лист для печати)
    /newpromo shared БАЛЛЫ ДНИ ВСЕГО [НА_КЛИЕНТА]: один код для многих
    Пример: /newpromo batch 50 20 30
promo_batch_made = Одноразовых промокодов: { $count }, по +{ $points } { $kind ->
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
    }, действуют до { $until }.
promo_csv_caption = Промокоды (CSV)
promo_sheet_caption = Промокоды для печати и нарезки
promo_shared_made =
    Общий промокод { $code }: +{ $points } { $kind ->
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
    }, всего использований: { $total }, на клиента: { $per }, действует до { $until }.
    { $link }
promo_sheet_points = +{ $points } { $kind ->
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
    }
promo_sheet_until = Действует до { $until }
promo_sheet_hint = Отсканируйте или отправьте боту /promo и код

## Тексты для клиента: старт, QR-код, карты, история, запросы, настройки, помощь.

btn_qr = 📱 Мой QR
btn_cards = 💳 Мои карты
btn_history = 📜 История
btn_requests = 📨 Запросы
btn_settings = ⚙️ Настройки
btn_help = ❓ Помощь

welcome =
    Добро пожаловать, { $name }! 👋

    Покажите QR-код на кассе, чтобы копить баллы. Кнопки ниже покажут ваш код, ваши карты и историю.
help =
    Как это работает:
    • { $qr }: покажите этот код персоналу — его отсканируют, и вам начислятся баллы.
    • { $cards }: ваши карты лояльности и балансы.
    • { $history }: последние начисления.
    • { $requests }: приглашения и списания, которые ждут вашего ответа.
    • { $settings }: выберите, какие сообщения получать.
    • /newqr: заменить код, если его фото есть у кого-то ещё.

    Владельцам бизнеса: /newbusiness — зарегистрировать свой бизнес; /bhelp — команды для персонала.
qr_caption =
    { $name }, покажите этот код на кассе.
    Если камера не сработает, персонал может ввести код вручную: { $code }
qr_renewed = Старый код больше не действует. Вот ваш новый:
cards_empty =
    У вас пока нет карт лояльности.
    Покажите свой QR-код в заведении-участнике или откройте ссылку для вступления в программу.
cards_header = Ваши карты:
card_line_points =
    🏪 { $business } · { $program }
       { $balance } { $kind ->
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
    } · { $progress }
card_line_stamps =
    🏪 { $business } · { $program }
       { $stamps } { $balance }/{ $threshold } · { $progress }
progress_left = до награды «{ $reward }» { $left ->
        [one] остался
        [few] осталось
       *[many] осталось
    } { $left } { $kind ->
        [stamps] { $left ->
            [one] штамп
            [few] штампа
           *[many] штампов
        }
       *[points] { $left ->
            [one] балл
            [few] балла
           *[many] баллов
        }
    }
progress_ready = 🎁 Награда «{ $reward }» ждёт вас! Обратитесь к персоналу.
history_empty = Начислений пока нет.
history_header = Последние начисления:
history_card = 🏪 { $business } · { $program } (баланс { $balance })
history_line = { $when } { $delta } { $reason }
history_none = пока ничего
requests_empty = Нет запросов, которые ждут вашего ответа.
settings_header = Какие сообщения вы получаете (нажмите, чтобы переключить):
settings_saved = Сохранено.
joined_program = Вы вступили в программу «{ $program }» ({ $business }). Ваша карта: { $number }.
already_in_program = У вас уже есть карта программы «{ $program }» ({ $business }).
staff_joined_you = Теперь вы в персонале «{ $business }». Отправьте /bhelp, чтобы увидеть свои команды.
staff_already = Вы уже в персонале «{ $business }».
own_qr_opened = Это код клиента программы лояльности. Покажите его персоналу, чтобы копить баллы.
answer_accepted = ✅ Вы вступили в программу «{ $program }» ({ $business }).
answer_rejected = Вы отклонили приглашение в программу «{ $program }» ({ $business }).
answer_approved = ✅ Подтверждено: −{ $amount } ({ $business }). Новый баланс: { $balance }.
answer_refused = Вы отклонили запрос от { $business }. Ничего не списано.
answer_insufficient = Сейчас баланса на карте недостаточно, поэтому ничего не списано ({ $business }).
cat_points_added = Начисления
cat_points_deducted = Списания
cat_qr_scanned = Сканирование QR-кода
cat_enrollment_result = Ответы на приглашения
cat_deduction_result = Ответы на списания
cat_reward_reached = Доступные награды
cat_reminder = Напоминания
cat_business_news = Новости заведений
btn_accept = ✅ Принять
btn_approve = ✅ Подтвердить
btn_reject = ❌ Отклонить
btn_language = 🌐 Язык: { $language }
language_header = Выберите язык, на котором мне с вами говорить:
language_chosen = Теперь я говорю по-русски.

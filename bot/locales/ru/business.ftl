## Тексты для бизнеса: команды персонала, программы, сканирования, клиенты.

biz_ask_name = Как называется ваш бизнес? Отправьте название (или /cancel).
biz_created =
    🏪 Бизнес «{ $business }» зарегистрирован, вы — его владелец.
    Теперь создайте программу лояльности: /newprogram (или /bhelp — все команды для персонала).
cancelled = Отменено.
biz_list_header = Вы работаете в этих бизнесах. Выберите, от имени какого действовать:
biz_list_line = { $marker } { $business } ({ $role })
biz_chosen = Теперь вы действуете от имени «{ $business }».
staff_header =
    👥 Персонал «{ $business }»
    Приглашайте сотрудников по этой ссылке (каждый, кто её откроет, станет сотрудником):
    { $link }
staff_line = • { $name } ({ $role })
staff_removed = ✅ Сотрудник удалён из персонала.
staff_remove_button = Удалить { $name }
bhelp =
    Команды для персонала
    📷 Пришлите фото QR-кода клиента, чтобы начислить баллы, или /code K7QX-4M2P.
    /customers: наши клиенты и их история
    /invite K7QX-4M2P: пригласить клиента в основную программу
    /stats: сканирования, баллы и клиенты за сегодня, 7 и 30 дней
    /poster: плакат для печати с QR-кодом для вступления
    /business: выбрать бизнес, от имени которого вы действуете
    /timezone: часовой пояс, в котором показываются даты
    Только для владельца
    /newprogram: создать программу (или /newprogram Кофейный клуб | points | 10 | 100 | Бесплатный кофе)
    /programs: программы, ссылки для вступления, основная программа и отключение
    /editprogram <номер> <поле> <значение>: изменить программу
    /staff: ссылка-приглашение для персонала и список сотрудников
    /export: клиенты и журнал операций в CSV
    /newbusiness: зарегистрировать ещё один бизнес
invite_usage = Отправьте код клиента так: /invite K7QX-4M2P
invite_sent = 📨 Приглашение в программу «{ $program }» отправлено клиенту { $customer }.
prog_ask_name = Создадим программу. Как она будет называться? (/cancel — отменить)
prog_ask_kind = Баллы или штампы?
prog_kind_points = Баллы
prog_kind_stamps = Штампы
prog_ask_points = Сколько { $kind ->
        [stamps] штампов
       *[points] баллов
    } начислять за одно сканирование? Отправьте число.
prog_ask_threshold = Сколько { $kind ->
        [stamps] штампов
       *[points] баллов
    } нужно для награды? Отправьте число.
prog_ask_reward = Как называется награда? (например, Бесплатный кофе)
prog_kind_chosen = Тип: { $kind ->
        [stamps] штампы
       *[points] баллы
    }.
prog_created =
    ✅ Программа #{ $id } «{ $program }» создана: { $points } { $kind ->
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
    } за сканирование, награда «{ $reward }» при накоплении { $threshold }.
    Клиенты вступают по этой ссылке:
    { $link }
prog_usage =
    Одной строкой: /newprogram название | points или stamps (по-английски) | за сканирование | награда при | название награды [| дневной лимит]
    например /newprogram Кофейный клуб | points | 10 | 100 | Бесплатный кофе
prog_bad_kind = Тип должен быть «points» (баллы) или «stamps» (штампы), по-английски.
prog_list_empty = Программ пока нет. Создайте первую: /newprogram.
prog_line =
    { $marker } #{ $id } «{ $program }» ({ $kind ->
        [stamps] штампы
       *[points] баллы
    }){ $state }
       { $points } за сканирование, не больше { $max } за сканирование, дневной лимит: { $cap }
       Ссылка для вступления: { $link }
prog_default_marker = ⭐
prog_inactive_state = {" "}(отключена)
prog_no_cap = нет
prog_make_default_button = ⭐ Основная #{ $id }
prog_deactivate_button = ⏸ Отключить #{ $id }
prog_made_default = Программа #{ $id } «{ $program }» теперь основная.
prog_deactivated = Программа #{ $id } «{ $program }» отключена.
prog_edit_usage = Отправьте /editprogram <номер> <поле> <значение>; поля: name (название), points_per_scan (за сканирование), max_per_scan (максимум за сканирование), daily_cap (дневной лимит; 0 — без лимита).
prog_edited = ✅ Программа #{ $id } «{ $program }» обновлена: { $field } = { $value }.
customers_empty = Клиентов пока нет.
customers_header = 👥 Клиенты ({ $total }), страница { $page } из { $pages }:
customers_line = { $n }. { $name }: баланс { $balance }, визитов: { $visits }, последний визит { $last }
customers_prev = ⬅️ Назад
customers_next = Вперёд ➡️
customer_history_button = 📜 { $name }
customer_history_header = 📜 История клиента { $customer } у нас:
customer_history_line = { $when }  { $delta }  { $program }  { $reason }
customer_history_empty = 📜 У клиента { $customer } у нас пока нет начислений.
stats_header = 📊 Статистика
stats_period = { $period }: сканирований — { $scans }, выдано баллов — { $issued }, списано — { $redeemed }, новых клиентов — { $new }, активных — { $active }
stats_today = Сегодня
stats_7d = Последние 7 дней
stats_30d = Последние 30 дней
export_caption = { $what } — { $business } ({ $rows } { $rows ->
        [one] строка
        [few] строки
        [many] строк
       *[other] строки
    })
export_customers = Клиенты
export_ledger = Журнал операций
poster_caption = 🖨 Плакат для «{ $program }»: распечатайте и повесьте у кассы.
role_owner = владелец
role_staff = сотрудник
thing_program = программы
thing_reward = награды
thing_business = бизнеса
cancel_word = отмена
tz_usage =
    🕐 Даты в «{ $business }» показываются по времени { $zone }.
    Чтобы изменить, отправьте название часового пояса, например: /timezone Asia/Almaty
tz_set = 🕐 Готово: даты в «{ $business }» теперь по времени { $zone }.

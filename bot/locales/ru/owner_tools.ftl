## Инструменты роста: подарки на день рождения, массовые начисления, предложения вернуться, активность сотрудников.

btn_birthday = 🎂 День рождения
birthday_ask = 🎂 Ваш день рождения: { $current }. Отправьте его в виде день.месяц, например 14.05. Программы с подарком на день рождения вручат его в этот день. Изменить дату можно раз в год.
birthday_not_set = не указан
birthday_saved = 🎂 Сохранено: ваш день рождения — { $date }.
birthday_format = Отправьте день рождения в виде день.месяц, например 14.05.
birthday_no_such_day = Даты { $day }.{ $month } нет в календаре. Проверьте день и месяц.
birthday_change_later = Изменить день рождения можно раз в год: в следующий раз — с { $date }.
birthday_not_customer = Сначала нажмите /start, затем укажите день рождения.

birthday_gift = 🎂 { $business } поздравляет вас с днём рождения! Ваш подарок в программе «{ $program }»: +{ $points }. Баланс: { $balance }.
bulk_award = 🎁 { $business } начисляет вам +{ $points } в программе «{ $program }»: { $note }. Баланс: { $balance }.
winback_credited = 👋 С возвращением в { $business }! Ваш бонус в программе «{ $program }»: +{ $points }. Баланс: { $balance }.
winback_offer = Мы скучаем по вам в { $business }! Приходите в течение { $days ->
        [one] { $days } дня
        [few] { $days } дней
       *[many] { $days } дней
    } и получите бонус +{ $bonus } в программе «{ $program }». Ваш баланс: { $balance }.
reason_birthday = подарок на день рождения
reason_bulk = подарок от владельца
reason_winback = бонус за возвращение

prog_gifts = 🎂 Подарок на день рождения: { $birthday } · 👋 Бонус за возвращение: { $winback } (в течение { $days ->
        [one] { $days } дня
        [few] { $days } дней
       *[many] { $days } дней
    })
prog_gift_off = выключен
prog_gift_set = ✅ Программа №{ $id }: { $field } теперь { $value }.
gift_usage = Формат: /editprogram <id> birthday_gift|winback_bonus|winback_days <число или off>

bulk_usage = Формат: /bulkaward <id программы> <баллы> <сегмент> <причина>. Сегменты: all (все), idle (без визитов 30 дней; idle:N — N дней), balance:N (баланс не меньше N), tier:ИМЯ (с этим уровнем, например tier:Gold). Пример: /bulkaward 1 20 idle Ждём вас снова
bulk_bad_segment = Неизвестный сегмент. Используйте all, idle, idle:N, balance:N или tier:ИМЯ.
bulk_reason_missing = Укажите причину: клиенты увидят её вместе с баллами.
bulk_empty_segment = В этом сегменте нет ни одного клиента: ничего не начислено.
bulk_not_found = Этого массового начисления больше нет.
bulk_progress = ⏳ Массовое начисление №{ $id } (+{ $points }, { $note }): выполнено { $done } из { $total }…
bulk_done = ✅ Массовое начисление №{ $id } (+{ $points }, { $note }) завершено: выполнено { $done } из { $total }.

activity_header = 👥 Активность сотрудников в { $business } (оповещение при более чем { $threshold } баллах вручную за день)
activity_alert_off = выключено
activity_today = Сегодня:
activity_week = На этой неделе:
activity_nobody = — пока ничего
activity_line = • { $name }: сканирований { $scans }, ручных начислений { $manual } (+{ $points }), отмен { $undos }, выданных наград { $redemptions }
award_alert_usage = Формат: /awardalert <баллы> — оповещать, когда сотрудник за день начислит вручную больше; /awardalert off — выключить.
award_alert_set = ✅ Вы получите оповещение, когда сотрудник за день начислит вручную больше { $points }.
award_alert_off = ✅ Оповещения о ручных начислениях выключены.
manual_awards_alert = ⚠️ { $business }: { $staff } сегодня начислил(а) вручную { $points }, больше вашего порога { $threshold }.

# Staff: the growth commands, under /bhelp.
growth_bhelp =
    Инструменты роста (для владельцев)
    /bulkaward <id программы> <баллы> <сегмент> <причина>: баллы многим клиентам сразу
    /activity: что сделал каждый сотрудник сегодня и на этой неделе
    /awardalert <баллы>|off: оповещение, когда сотрудник за день начислит вручную больше
    /editprogram <id> birthday_gift|winback_bonus|winback_days <число или off>

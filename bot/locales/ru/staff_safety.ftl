## Безопасность персонала: чей ответ, пределы отмены, ссылки-приглашения, лимиты.

for_business = 🏪 { $business }
too_many_lookups = ⏳ Слишком много кодов за минуту (не больше { $limit }). Подождите немного и попробуйте снова.
undo_not_here = ↩️ Отменить можно только под ответом на скан, который начислил баллы.
undo_too_late = ⌛ Отменять уже поздно: отмена действует { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
        [many] { $minutes } минут
       *[other] { $minutes } минуты
    } после скана.
undo_ask_instead = Баллы остаются. Чтобы забрать { $points }, попросите клиента одобрить списание.
undo_request_button = ➖ Попросить списать { $points }
staff_limit_reached = ⛔ Ваш дневной лимит ручных начислений — { $limit }; сегодня осталось { $room }.
limit_not_for_owner = У владельца нет лимита ручных начислений.
invite_closed = Эта ссылка-приглашение уже использована, отозвана или истекла. Попросите у владельца новую.
staff_page_header = 👥 Персонал «{ $business }» (страница { $page }/{ $pages }):
staff_link_line = 🔗 Приглашение № { $id } для одного человека, до { $expires }: { $link }
staff_line_limited = • { $name } ({ $role }), не больше { $limit } вручную в день
staff_revoke_button = ✖ Отозвать ссылку № { $id }
staff_limit_button = 🔢 Лимит: { $name }
staff_new_link_button = ➕ Новая ссылка-приглашение
staff_link_made =
    🔗 Новая ссылка-приглашение для одного человека, действует { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
        [many] { $hours } часов
       *[other] { $hours } часа
    }:
    { $link }
    Открывший её должен подтвердить вступление. Отозвать ссылку можно в /staff.
staff_link_revoked = Ссылка отозвана.
staff_ask_limit = Сколько баллов этот человек может начислять вручную в день? Отправьте число или 0, чтобы снять лимит (или «отмена»).
staff_limit_set = ✅ Дневной лимит ручных начислений: { $limit }.
staff_limit_off = ✅ Дневного лимита ручных начислений нет.
staff_join_question = 👥 Вступить в персонал «{ $business }»? После этого вы будете действовать от имени «{ $business }»; /business переключает между вашими заведениями.
staff_join_yes = ✅ Вступить
staff_join_no = ✖ Не вступать
staff_join_declined = Вы не вступили.
staff_joined_acting = ✅ Вы вступили в персонал «{ $business }» и теперь действуете от его имени. /business переключает заведение, /bhelp показывает команды персонала.
page_prev = ◀ Назад
page_next = Далее ▶
page_of = Страница { $page }/{ $pages }

# Операторы платформы: /admin, одобрение, приостановка, передача владения, оповещения.
cmd_admin = Операторы: бизнесы, одобрить, приостановить
admin_header = Бизнесы: { $total } · страница { $page }/{ $pages }
admin_business_line =
    #{ $id } { $business } · { $status }
    Владелец: { $owner } ({ $owner_id }) · сотрудники: { $staff }
    Клиенты: { $customers } · карты: { $cards }
    За 30 дней: сканирований { $scans }, начислено баллов { $issued }
admin_status_active = работает
admin_status_suspended = ⛔ приостановлен
admin_status_awaiting = ⏳ ждёт одобрения
btn_admin_approve = ✅ Одобрить
btn_admin_approve_n = ✅ Одобрить #{ $id }
btn_admin_suspend = ⛔ Приостановить #{ $id }
btn_admin_resume = ▶ Возобновить #{ $id }
admin_approved = { $business }: одобрено.
admin_suspended = { $business }: приостановлено.
admin_resumed = { $business }: снова работает.
admin_transfer_usage = Формат: /admin transfer ID_БИЗНЕСА TELEGRAM_ID (новый владелец должен уже писать боту).
admin_transferred = { $business } теперь принадлежит { $owner }; прежний владелец остаётся сотрудником.
admin_new_business = 🆕 Новый бизнес #{ $business_id }: { $business } (владелец: { $owner }). Сканировать и приглашать он сможет после вашего одобрения.
admin_error_alert = ⚠️ Ошибка при обработке обновления: { $error } в { $where }. Оповещений пропущено с прошлого раза: { $skipped }.
biz_approved = ✅ { $business } одобрен: теперь вы можете сканировать и приглашать клиентов.
biz_suspended = ⛔ Платформа приостановила { $business }: без сканирований, приглашений и рассылок. Клиенты сохраняют свои карты.
biz_resumed = ▶ { $business } снова работает.
biz_ownership_received = 👑 Теперь вы владелец { $business }.
biz_ownership_given = У { $business } новый владелец; вы остаётесь сотрудником.
biz_awaiting_approval = ⏳ Новые бизнесы одобряет оператор: вы уже можете настроить { $business }, а сканировать и приглашать — после одобрения.
business_awaiting_approval = Этот бизнес ждёт одобрения оператора.
user_not_found = Этот человек ещё не писал боту.

# Operadores de la plataforma: /admin, aprobaciones, suspensiones, propiedad, alertas.
cmd_admin = Operadores: negocios, aprobar, suspender
admin_header = Negocios: { $total } · página { $page }/{ $pages }
admin_business_line =
    #{ $id } { $business } · { $status }
    Propietario: { $owner } ({ $owner_id }) · personal: { $staff }
    Clientes: { $customers } · tarjetas: { $cards }
    Últimos 30 días: escaneos { $scans }, puntos emitidos { $issued }
admin_status_active = activo
admin_status_suspended = ⛔ suspendido
admin_status_awaiting = ⏳ pendiente de aprobación
btn_admin_approve = ✅ Aprobar
btn_admin_approve_n = ✅ Aprobar #{ $id }
btn_admin_suspend = ⛔ Suspender #{ $id }
btn_admin_resume = ▶ Reactivar #{ $id }
admin_approved = { $business } está aprobado.
admin_suspended = { $business } está suspendido.
admin_resumed = { $business } vuelve a estar activo.
admin_transfer_usage = Uso: /admin transfer ID_NEGOCIO ID_TELEGRAM (el nuevo propietario debe haber hablado con el bot).
admin_transferred = { $business } ahora pertenece a { $owner }; el propietario anterior sigue como personal.
admin_new_business = 🆕 Nuevo negocio #{ $business_id }: { $business } (propietario: { $owner }). Podrá escanear e invitar cuando lo apruebes.
admin_error_alert = ⚠️ Falló una actualización: { $error } en { $where }. Alertas retenidas desde la última: { $skipped }.
biz_approved = ✅ { $business } está aprobado: ya puedes escanear e invitar a clientes.
biz_suspended = ⛔ La plataforma ha suspendido { $business }: sin escaneos, invitaciones ni difusiones. Los clientes conservan sus tarjetas.
biz_resumed = ▶ { $business } vuelve a estar activo.
biz_ownership_received = 👑 Ahora eres el propietario de { $business }.
biz_ownership_given = { $business } tiene un nuevo propietario; sigues como personal.
biz_awaiting_approval = ⏳ Un operador aprueba los negocios nuevos: ya puedes preparar { $business }, y escanear e invitar cuando esté aprobado.
business_awaiting_approval = Este negocio espera la aprobación de un operador.
user_not_found = Esa persona aún no ha hablado con el bot.

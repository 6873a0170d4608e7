## Herramientas de crecimiento: regalos de cumpleaños, premios masivos, ofertas de regreso, actividad del personal.

btn_birthday = 🎂 Cumpleaños
birthday_ask = 🎂 Tu cumpleaños: { $current }. Envíalo como día.mes, por ejemplo 14.05. Los programas con regalo de cumpleaños te lo dan ese día. Puedes cambiarlo una vez al año.
birthday_not_set = sin fijar
birthday_saved = 🎂 Guardado: tu cumpleaños es el { $date }.
birthday_format = Envía tu cumpleaños como día.mes, por ejemplo 14.05.
birthday_no_such_day = El { $day }.{ $month } no existe en el calendario. Revisa el día y el mes.
birthday_change_later = Puedes cambiar tu cumpleaños una vez al año: la próxima vez a partir del { $date }.
birthday_not_customer = Pulsa /start primero y luego fija tu cumpleaños.

birthday_gift = 🎂 ¡Feliz cumpleaños de parte de { $business }! Tu regalo en { $program }: +{ $points }. Saldo: { $balance }.
bulk_award = 🎁 { $business } te ha dado +{ $points } en { $program }: { $note }. Saldo: { $balance }.
winback_credited = 👋 ¡Bienvenido de nuevo a { $business }! Tu bono en { $program }: +{ $points }. Saldo: { $balance }.
winback_offer = ¡Te echamos de menos en { $business }! Visítanos en { $days ->
        [one] { $days } día
       *[other] { $days } días
    } y recibe un bono de +{ $bonus } en { $program }. Tu saldo es { $balance }.
reason_birthday = regalo de cumpleaños
reason_bulk = regalo del propietario
reason_winback = bono de bienvenida de vuelta

prog_gifts = 🎂 Regalo de cumpleaños: { $birthday } · 👋 Bono de regreso: { $winback } (en { $days ->
        [one] { $days } día
       *[other] { $days } días
    })
prog_gift_off = desactivado
prog_gift_set = ✅ Programa #{ $id }: { $field } ahora es { $value }.
gift_usage = Uso: /editprogram <id> birthday_gift|winback_bonus|winback_days <número u off>

bulk_usage = Uso: /bulkaward <id del programa> <puntos> <segmento> <motivo>. Segmentos: all (todos), idle (sin visita en 30 días; idle:N para N días), balance:N (saldo de al menos N), tier:NOMBRE (con ese nivel, por ejemplo tier:Gold). Ejemplo: /bulkaward 1 20 idle Vuelve pronto
bulk_bad_segment = Segmento desconocido. Usa all, idle, idle:N, balance:N o tier:NOMBRE.
bulk_reason_missing = Indica un motivo: los clientes lo ven junto con los puntos.
bulk_empty_segment = Ningún cliente está en este segmento: no se ha otorgado nada.
bulk_not_found = Este premio masivo ya no existe.
bulk_progress = ⏳ Premio masivo #{ $id } (+{ $points }, { $note }): { $done } de { $total } hechos…
bulk_done = ✅ Premio masivo #{ $id } (+{ $points }, { $note }) completado: { $done } de { $total } hechos.

activity_header = 👥 Actividad del personal en { $business } (alerta por encima de { $threshold } puntos manuales al día)
activity_alert_off = desactivada
activity_today = Hoy:
activity_week = Esta semana:
activity_nobody = — nada todavía
activity_line = • { $name }: escaneos { $scans }, premios manuales { $manual } (+{ $points }), deshechos { $undos }, canjes { $redemptions }
award_alert_usage = Uso: /awardalert <puntos> para recibir una alerta cuando un miembro del personal otorgue más a mano en un día, o /awardalert off.
award_alert_set = ✅ Recibirás una alerta cuando un miembro del personal otorgue más de { $points } a mano en un día.
award_alert_off = ✅ Las alertas de premios manuales están desactivadas.
manual_awards_alert = ⚠️ { $business }: { $staff } ha otorgado { $points } a mano hoy, por encima de tu alerta de { $threshold }.

# Staff: the growth commands, under /bhelp.
growth_bhelp =
    Herramientas de crecimiento (propietarios)
    /bulkaward <id del programa> <puntos> <segmento> <motivo>: puntos a muchos clientes a la vez
    /activity: lo que hizo cada miembro del personal hoy y esta semana
    /awardalert <puntos>|off: una alerta cuando un miembro del personal otorga más a mano en un día
    /editprogram <id> birthday_gift|winback_bonus|winback_days <número u off>

## Seguridad del personal: el negocio de cada respuesta, límites de Deshacer, enlaces de invitación, límites.

for_business = 🏪 { $business }
too_many_lookups = ⏳ Demasiados códigos en un minuto (como máximo { $limit }). Espera un momento y vuelve a intentarlo.
undo_not_here = ↩️ Deshacer solo funciona bajo la respuesta del escaneo que hizo la suma.
undo_too_late = ⌛ Demasiado tarde para deshacer: Deshacer funciona durante { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } después del escaneo.
undo_ask_instead = Los puntos se quedan. Para retirar { $points }, pide al cliente que apruebe un descuento.
undo_request_button = ➖ Pedir descontar { $points }
staff_limit_reached = ⛔ Tu límite diario de sumas a mano es { $limit }; te quedan { $room } hoy.
limit_not_for_owner = El propietario no tiene límite de sumas a mano.
invite_closed = Este enlace de invitación ya se usó, se revocó o caducó. Pide uno nuevo al propietario.
staff_page_header = 👥 Personal de { $business } (página { $page }/{ $pages }):
staff_link_line = 🔗 Invitación n.º { $id } para una persona, hasta { $expires }: { $link }
staff_line_limited = • { $name } ({ $role }), hasta { $limit } a mano al día
staff_revoke_button = ✖ Revocar enlace n.º { $id }
staff_limit_button = 🔢 Límite: { $name }
staff_new_link_button = ➕ Nuevo enlace de invitación
staff_link_made =
    🔗 Un nuevo enlace de invitación para una persona, válido durante { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }:
    { $link }
    Quien lo abra deberá confirmar. Puedes revocarlo en /staff.
staff_link_revoked = Enlace revocado.
staff_ask_limit = ¿Cuántos puntos puede sumar a mano esta persona cada día? Envía un número, o 0 para no poner límite (o «cancelar»).
staff_limit_set = ✅ Límite diario de sumas a mano: { $limit }.
staff_limit_off = ✅ Sin límite diario de sumas a mano.
staff_join_question = 👥 ¿Unirte al personal de { $business }? Después actuarás para { $business }; /business cambia entre tus negocios.
staff_join_yes = ✅ Unirme
staff_join_no = ✖ No unirme
staff_join_declined = No te has unido.
staff_joined_acting = ✅ Te uniste al personal de { $business } y ahora actúas para { $business }. /business cambia de negocio, /bhelp muestra los comandos del personal.
page_prev = ◀ Atrás
page_next = Siguiente ▶
page_of = Página { $page }/{ $pages }

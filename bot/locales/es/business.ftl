## Textos del lado del negocio: comandos del personal, programas, escaneos, clientes.

biz_ask_name = ¿Cómo se llama tu negocio? Envía el nombre (o /cancel).
biz_created =
    🏪 { $business } está registrado y tú eres quien lo administra.
    Ahora crea un programa de fidelidad: /newprogram (o /bhelp para ver todos los comandos del personal).
cancelled = Cancelado.
biz_list_header = Trabajas en estos negocios. Elige con cuál quieres trabajar:
biz_list_line = { $marker } { $business } ({ $role })
biz_chosen = Ahora trabajas con { $business }.
staff_header =
    👥 Personal de { $business }
    Invita a tu equipo con este enlace (quien lo abra se une al personal):
    { $link }
staff_line = • { $name } ({ $role })
staff_removed = ✅ Quitado del personal.
staff_remove_button = Quitar a { $name }
bhelp =
    Comandos del personal
    📷 Envía una foto del código QR de un cliente para sumar puntos, o /code K7QX-4M2P.
    /customers: nuestros clientes, con su historial
    /invite K7QX-4M2P: invita a un cliente al programa predeterminado
    /stats: escaneos, puntos y clientes de hoy, de 7 y de 30 días
    /poster: un cartel para imprimir con el código QR para unirse
    /business: elige el negocio con el que trabajas
    /timezone: la zona horaria de las fechas
    Solo para el propietario
    /newprogram: crea un programa (o /newprogram Club del café | points | 10 | 100 | Café gratis)
    /programs: programas, enlaces para unirse, predeterminado y desactivar
    /editprogram <id> <campo> <valor>: cambia un programa
    /staff: el enlace de invitación y la lista del personal
    /export: clientes y movimientos en CSV
    /newbusiness: registra otro negocio
invite_usage = Envía el código del cliente así: /invite K7QX-4M2P
invite_sent = 📨 Invitación a { $program } enviada a { $customer }.
prog_ask_name = Vamos a crear un programa. ¿Cómo se llama? (/cancel para salir)
prog_ask_kind = ¿Puntos o sellos?
prog_kind_points = Puntos
prog_kind_stamps = Sellos
prog_ask_points = ¿Cuántos { $kind ->
        [stamps] sellos
       *[points] puntos
    } por escaneo? Envía un número.
prog_ask_threshold = ¿Cuántos { $kind ->
        [stamps] sellos
       *[points] puntos
    } para la recompensa? Envía un número.
prog_ask_reward = ¿Cómo se llama la recompensa? (p. ej., Café gratis)
prog_kind_chosen = Tipo: { $kind ->
        [stamps] sellos
       *[points] puntos
    }.
prog_created =
    ✅ Programa #{ $id } { $program } creado: { $points } { $kind ->
        [stamps] { $points ->
            [one] sello
           *[other] sellos
        }
       *[points] { $points ->
            [one] punto
           *[other] puntos
        }
    } por escaneo, { $reward } al llegar a { $threshold }.
    Los clientes se unen con este enlace:
    { $link }
prog_usage =
    En una línea: /newprogram nombre | points o stamps (así, en inglés) | por escaneo | recompensa al llegar a | nombre de la recompensa [| límite diario]
    por ejemplo /newprogram Club del café | points | 10 | 100 | Café gratis
prog_bad_kind = El tipo debe ser «points» (puntos) o «stamps» (sellos), escrito así.
prog_list_empty = Aún no hay programas. Crea uno con /newprogram.
prog_line =
    { $marker } #{ $id } { $program } ({ $kind ->
        [stamps] sellos
       *[points] puntos
    }){ $state }
       { $points } por escaneo, máximo { $max } por escaneo, límite diario: { $cap }
       Enlace para unirse: { $link }
prog_default_marker = ⭐
prog_inactive_state = {" "}(inactivo)
prog_no_cap = ninguno
prog_make_default_button = ⭐ Predeterminado #{ $id }
prog_deactivate_button = ⏸ Desactivar #{ $id }
prog_made_default = #{ $id } { $program } es ahora el programa predeterminado.
prog_deactivated = #{ $id } { $program } está desactivado.
prog_edit_usage = Envía /editprogram <id> <campo> <valor>; campos (escritos así): name, points_per_scan, max_per_scan, daily_cap (0 lo quita).
prog_edited = ✅ #{ $id } { $program } actualizado: { $field } = { $value }.
customers_empty = Aún no hay clientes.
customers_header = 👥 Clientes ({ $total }), página { $page } de { $pages }:
customers_line = { $n }. { $name }: saldo { $balance }, visitas { $visits }, última visita { $last }
customers_prev = ⬅️ Anterior
customers_next = Siguiente ➡️
customer_history_button = 📜 { $name }
customer_history_header = 📜 Movimientos de { $customer } aquí:
customer_history_line = { $when }  { $delta }  { $program }  { $reason }
customer_history_empty = 📜 { $customer } aún no tiene movimientos de puntos aquí.
stats_header = 📊 Estadísticas
stats_period = { $period }: { $scans ->
        [one] { $scans } escaneo
       *[other] { $scans } escaneos
    }, { $issued ->
        [one] { $issued } punto otorgado
       *[other] { $issued } puntos otorgados
    }, { $redeemed ->
        [one] { $redeemed } canjeado
       *[other] { $redeemed } canjeados
    }, { $new ->
        [one] { $new } cliente nuevo
       *[other] { $new } clientes nuevos
    } y { $active ->
        [one] { $active } activo
       *[other] { $active } activos
    }
stats_today = Hoy
stats_7d = Últimos 7 días
stats_30d = Últimos 30 días
export_caption = { $what } de { $business } ({ $rows ->
        [one] { $rows } fila
       *[other] { $rows } filas
    })
export_customers = Clientes
export_ledger = Movimientos
poster_caption = 🖨 Cartel de { $program }: imprímelo y ponlo junto a la caja.
role_owner = propietario
role_staff = personal
thing_program = del programa
thing_reward = de la recompensa
thing_business = del negocio
cancel_word = cancelar
tz_usage =
    🕐 Las fechas de { $business } se muestran en la hora de { $zone }.
    Para cambiarla, envía el nombre de la zona, por ejemplo: /timezone Europe/Madrid
tz_set = 🕐 Listo: las fechas de { $business } se muestran ahora en la hora de { $zone }.

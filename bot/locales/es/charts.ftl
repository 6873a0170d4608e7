## El gráfico de /stats: título, paneles y leyenda.

chart_title = { $business }: { $days ->
        [one] el último día
       *[other] los últimos { $days } días
    }
chart_visits = Visitas
chart_issued = Puntos sumados
chart_redeemed = Puntos canjeados
chart_new = Clientes nuevos
chart_returning = Clientes que vuelven
chart_staff = Personal: escaneos y sumas manuales
chart_scans = Escaneos
chart_manual = Sumas manuales
chart_nobody = Aún no hay actividad del personal

## График /stats: заголовок, панели и легенда.

chart_title = { $business }: { $days ->
        [one] последний { $days } день
        [few] последние { $days } дня
       *[many] последние { $days } дней
    }
chart_visits = Визиты
chart_issued = Начислено баллов
chart_redeemed = Списано баллов
chart_new = Новые клиенты
chart_returning = Вернувшиеся клиенты
chart_staff = Персонал: сканирования и ручные начисления
chart_scans = Сканирования
chart_manual = Ручные начисления
chart_nobody = Персонал пока ничего не делал

## Меню команд: описание каждой команды в меню Telegram

cmd_start = Запустить и показать меню
cmd_qr = Мой QR-код
cmd_cards = Мои карты лояльности
cmd_history = Мои последние начисления
cmd_requests = Запросы, ждущие моего ответа
cmd_settings = Какие сообщения я получаю
cmd_newqr = Заменить мой QR-код
cmd_help = Как это работает
cmd_code = Ввести код клиента вручную
cmd_customers = Наши клиенты
cmd_programs = Программы лояльности
cmd_newprogram = Создать программу
cmd_staff = Персонал и ссылка-приглашение
cmd_stats = Статистика
cmd_export = Выгрузить клиентов и журнал в CSV
cmd_poster = Плакат с QR-кодом для печати
cmd_broadcast = Сообщение всем клиентам
cmd_business = Выбрать бизнес для работы
cmd_bhelp = Помощь для персонала
cmd_timezone = Часовой пояс бизнеса

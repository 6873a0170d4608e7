## قوائم الأوامر: وصف كل أمر كما تعرضه قائمة Telegram

cmd_start = البدء وعرض القائمة
cmd_qr = رمز QR الخاص بي
cmd_cards = بطاقات الولاء الخاصة بي
cmd_history = آخر نقاطي
cmd_requests = طلبات تنتظر ردّي
cmd_settings = الرسائل التي تصلني
cmd_newqr = استبدال رمز QR الخاص بي
cmd_help = طريقة العمل
cmd_code = إدخال رمز العميل يدويًا
cmd_customers = عملاؤنا
cmd_programs = برامج الولاء
cmd_newprogram = إنشاء برنامج
cmd_staff = فريق العمل ورابط الدعوة
cmd_stats = الإحصاءات
cmd_export = تصدير العملاء والسجل بصيغة CSV
cmd_poster = ملصق انضمام للطباعة
cmd_broadcast = رسالة إلى كل العملاء
cmd_business = اختيار المتجر الذي تعمل باسمه
cmd_bhelp = مساعدة الموظفين
cmd_timezone = المنطقة الزمنية للمتجر

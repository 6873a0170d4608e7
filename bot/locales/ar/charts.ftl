## مخطط /stats: العنوان واللوحات ومفتاح الألوان.

chart_title = { $business }: آخر { $days ->
        [zero] { $days } يوم
        [one] يوم
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }
chart_visits = الزيارات
chart_issued = النقاط الممنوحة
chart_redeemed = النقاط المستبدلة
chart_new = عملاء جدد
chart_returning = عملاء عائدون
chart_staff = الموظفون: عمليات المسح والإضافات اليدوية
chart_scans = عمليات المسح
chart_manual = إضافات يدوية
chart_nobody = لا يوجد نشاط للموظفين بعد

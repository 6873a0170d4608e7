# مشغّلو المنصة: /admin، الموافقة، الإيقاف، نقل الملكية، تنبيهات الأخطاء.
cmd_admin = المشغّلون: المتاجر، الموافقة، الإيقاف
admin_header = المتاجر: { $total } · الصفحة { $page }/{ $pages }
admin_business_line =
    #{ $id } { $business } · { $status }
    المالك: { $owner } ({ $owner_id }) · الموظفون: { $staff }
    العملاء: { $customers } · البطاقات: { $cards }
    آخر 30 يومًا: عمليات المسح { $scans }، النقاط الممنوحة { $issued }
admin_status_active = نشط
admin_status_suspended = ⛔ موقوف
admin_status_awaiting = ⏳ بانتظار الموافقة
btn_admin_approve = ✅ موافقة
btn_admin_approve_n = ✅ موافقة #{ $id }
btn_admin_suspend = ⛔ إيقاف #{ $id }
btn_admin_resume = ▶ استئناف #{ $id }
admin_approved = تمت الموافقة على { $business }.
admin_suspended = تم إيقاف { $business }.
admin_resumed = عاد { $business } إلى العمل.
admin_transfer_usage = الاستخدام: /admin transfer رقم_المتجر رقم_تيليجرام (يجب أن يكون المالك الجديد قد راسل البوت).
admin_transferred = أصبح { $business } ملكًا لـ { $owner }؛ ويبقى المالك السابق موظفًا.
admin_new_business = 🆕 متجر جديد #{ $business_id }: { $business } (المالك: { $owner }). يمكنه المسح والدعوة بعد موافقتك.
admin_error_alert = ⚠️ فشلت معالجة تحديث: { $error } في { $where }. التنبيهات المؤجلة منذ آخر تنبيه: { $skipped }.
biz_approved = ✅ تمت الموافقة على { $business }: يمكنك الآن مسح الرموز ودعوة العملاء.
biz_suspended = ⛔ أوقفت المنصة { $business }: لا مسح ولا دعوات ولا رسائل جماعية. يحتفظ العملاء ببطاقاتهم.
biz_resumed = ▶ عاد { $business } إلى العمل.
biz_ownership_received = 👑 أصبحت الآن مالك { $business }.
biz_ownership_given = لـ { $business } مالك جديد؛ وتبقى أنت موظفًا.
biz_awaiting_approval = ⏳ يوافق أحد المشغّلين على المتاجر الجديدة: يمكنك إعداد { $business } الآن، والمسح والدعوة بعد الموافقة.
business_awaiting_approval = هذا المتجر بانتظار موافقة أحد المشغّلين.
user_not_found = هذا الشخص لم يراسل البوت بعد.

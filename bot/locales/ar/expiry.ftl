## انتهاء صلاحية النقاط: التنبيه، وانتهاء الصلاحية، وبطاقاتي، وإعدادات المالك في /programs.

expiry_warning = ⏳ { $business } · { $program }: تنتهي صلاحية { $kind ->
        [stamps] { $points ->
            [zero] { $points } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $points } أختام
            [many] { $points } ختمًا
           *[other] { $points } ختم
        }
       *[points] { $points ->
            [zero] { $points } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $points } نقاط
            [many] { $points } نقطة
           *[other] { $points } نقطة
        }
    } في { $on }. استخدمها قبل ذلك!
points_expired = ⌛ { $business } · { $program }: انتهت صلاحية { $kind ->
        [stamps] { $points ->
            [zero] { $points } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $points } أختام
            [many] { $points } ختمًا
           *[other] { $points } ختم
        }
       *[points] { $points ->
            [zero] { $points } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $points } نقاط
            [many] { $points } نقطة
           *[other] { $points } نقطة
        }
    }. الرصيد: { $balance }.
card_expiry_line = ⏳ تنتهي صلاحية { $kind ->
        [stamps] { $points ->
            [zero] { $points } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $points } أختام
            [many] { $points } ختمًا
           *[other] { $points } ختم
        }
       *[points] { $points ->
            [zero] { $points } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $points } نقاط
            [many] { $points } نقطة
           *[other] { $points } نقطة
        }
    } في { $on }
reason_expiry = انتهت الصلاحية

prog_expiry_line = {"   "}⏳ انتهاء الصلاحية: { $state }
expiry_state_off = متوقف (لا تنتهي صلاحية النقاط)
expiry_state_on = بعد { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }، مع تنبيه قبلها بـ{ $warning ->
        [zero] { $warning } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $warning } أيام
        [many] { $warning } يومًا
       *[other] { $warning } يوم
    }
expiry_button = ⏳ الصلاحية #{ $id }
expiry_settings =
    ⏳ انتهاء صلاحية نقاط { $program } (#{ $id }): { $state }.

    اختر بالأزرار، أو أرسل سطرًا واحدًا: /expiry { $id } <الأيام> [<أيام التنبيه>]، مثلًا /expiry { $id } 90 7. من 1 إلى 3650 يومًا؛ والأمر /expiry { $id } off يوقفه.
expiry_days_button = { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }
expiry_warning_button = ⚠️ تنبيه قبل { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }
expiry_off_button = 🚫 إيقاف
expiry_usage = أرسل /expiry <رقم البرنامج> <الأيام> [<أيام التنبيه>]، مثلًا /expiry 3 90 7؛ أو /expiry 3 off لإيقافه. من 1 إلى 3650 يومًا.
expiry_set = ✅ { $program } (#{ $id }): صارت صلاحية النقاط تنتهي { $state }.
expiry_turned_off = ✅ { $program } (#{ $id }): لم تعد صلاحية النقاط تنتهي.
expiry_days_range = يجب أن تكون مدة الصلاحية من { $min } إلى { $max } يومًا. لم يتغير شيء.
expiry_warning_range = يجب أن يكون التنبيه قبل 0 إلى { $max } يومًا. لم يتغير شيء.
expiry_warning_too_long = يجب أن يأتي التنبيه قبل أقل من { $days } يومًا (قبل انتهاء صلاحية النقاط). لم يتغير شيء.

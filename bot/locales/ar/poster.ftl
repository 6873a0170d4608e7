## ملصق الانضمام القابل للطباعة.

poster_reward = 🎁 { $reward } عند { $threshold } { $kind ->
        [stamps] { $threshold ->
            [zero] ختم
            [one] ختم
            [two] ختمين
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $threshold ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتين
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }
poster_instruction = امسح الرمز بكاميرا هاتفك للانضمام واجمع { $kind ->
        [stamps] الأختام
       *[points] النقاط
    } في كل زيارة.
poster_usage = أرسل /poster لملصق بحجم A5، أو اختر الورق ولونك: /poster a4 #1E6B52

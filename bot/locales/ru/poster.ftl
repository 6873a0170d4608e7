## Плакат для вступления, который можно распечатать.

poster_reward = 🎁 «{ $reward }» за { $threshold } { $kind ->
        [stamps] { $threshold ->
            [one] штамп
            [few] штампа
           *[many] штампов
        }
       *[points] { $threshold ->
            [one] балл
            [few] балла
           *[many] баллов
        }
    }
poster_instruction = Отсканируйте камерой телефона, чтобы вступить, и копите { $kind ->
        [stamps] штампы
       *[points] баллы
    } за каждый визит.
poster_usage = Отправьте /poster для плаката A5 или выберите бумагу и свой цвет: /poster a4 #1E6B52

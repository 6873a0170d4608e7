## El cartel imprimible para unirse.

poster_reward = 🎁 { $reward } con { $threshold } { $kind ->
        [stamps] { $threshold ->
            [one] sello
           *[other] sellos
        }
       *[points] { $threshold ->
            [one] punto
           *[other] puntos
        }
    }
poster_instruction = Escanea con la cámara de tu móvil para unirte y suma { $kind ->
        [stamps] sellos
       *[points] puntos
    } en cada visita.
poster_usage = Envía /poster para un cartel A5, o elige el papel y tu color: /poster a4 #1E6B52

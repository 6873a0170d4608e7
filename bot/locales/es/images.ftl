## Lo que ve el personal cuando el lector de QR rechaza una imagen para proteger el bot.

reader_busy = ⏳ Estoy leyendo otras fotos ahora mismo. Vuelve a enviar la tuya en unos segundos.
image_too_many_pixels = Esa imagen tiene demasiados píxeles para leerla. Envíala como foto (no como archivo) o recórtala alrededor del código.

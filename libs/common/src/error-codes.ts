/** Every stable error code the API returns, with its HTTP status and French message. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées ne sont pas valides.' },
  MALFORMED_JSON: { status: 400, message: "Le corps de la requête n'est pas un JSON valide." },
  BAD_REQUEST: { status: 400, message: 'La requête est incorrecte.' },
  UNAUTHENTICATED: { status: 401, message: 'Authentification requise.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  INVALID_TOKEN: { status: 401, message: 'Le jeton est invalide ou a expiré.' },
  SESSION_REVOKED: { status: 401, message: 'La session a été fermée. Veuillez vous reconnecter.' },
  EMAIL_NOT_VERIFIED: {
    status: 403,
    message: "Votre adresse électronique n'est pas encore vérifiée. Consultez le courriel reçu.",
  },
  ACCOUNT_DISABLED: { status: 403, message: 'Ce compte est désactivé.' },
  FORBIDDEN: { status: 403, message: "Vous n'avez pas les droits nécessaires pour cette action." },
  CROSS_SITE_REQUEST: {
    status: 403,
    message: "Cette action doit être faite depuis le portail lui-même : une requête venue d'un autre site est refusée.",
  },
  MFA_REQUIRED: {
    status: 403,
    message: 'Cette action demande une connexion avec double authentification. Reconnectez-vous avec votre code.',
  },
  INVALID_MFA_CODE: { status: 401, message: 'Ce code est incorrect, expiré ou déjà utilisé.' },
  MFA_ALREADY_ENABLED: { status: 409, message: 'La double authentification est déjà activée sur ce compte.' },
  MFA_ENROLMENT_NOT_STARTED: { status: 409, message: "Commencez par obtenir un nouveau secret (QR code) avant de saisir un code." },
  OIDC_PROVIDER_UNKNOWN: { status: 404, message: "Ce fournisseur d'identité n'est pas proposé par le portail." },
  OIDC_SIGN_IN_EXPIRED: {
    status: 400,
    message: "Cette connexion a expiré ou a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.",
  },
  OIDC_STATE_MISMATCH: {
    status: 400,
    message: "La réponse du fournisseur d'identité ne correspond pas à la connexion commencée ici : elle est refusée. Recommencez.",
  },
  OIDC_PROVIDER_REFUSED: { status: 401, message: "Le fournisseur d'identité n'a pas confirmé votre identité (connexion annulée ou refusée)." },
  OIDC_CODE_REJECTED: {
    status: 401,
    message: "Le fournisseur d'identité a refusé ce code de connexion (déjà utilisé ou expiré). Recommencez la connexion.",
  },
  OIDC_ID_TOKEN_INVALID: {
    status: 401,
    message: "La preuve d'identité reçue du fournisseur n'est pas valable (signature, émetteur, destinataire, date ou nonce) : elle est refusée.",
  },
  OIDC_EMAIL_NOT_VERIFIED: {
    status: 403,
    message: "Votre fournisseur d'identité ne confirme pas votre adresse électronique : nous ne pouvons pas vous connecter avec lui. Créez un compte avec votre adresse.",
  },
  OIDC_ACCOUNT_NOT_VERIFIED: {
    status: 409,
    message: "Un compte du portail utilise cette adresse sans l'avoir encore vérifiée : suivez le lien du courriel reçu (ou « mot de passe oublié »), puis liez votre identité depuis votre compte.",
  },
  OIDC_IDENTITY_TAKEN: { status: 409, message: 'Cette identité est déjà liée à un autre compte du portail.' },
  OIDC_ALREADY_LINKED: { status: 409, message: "Votre compte est déjà lié à une identité de ce fournisseur. Déliez-la d'abord." },
  OIDC_IDENTITY_NOT_LINKED: { status: 404, message: "Votre compte n'est pas lié à ce fournisseur d'identité." },
  OIDC_LAST_SIGN_IN_METHOD: {
    status: 409,
    message: "C'est votre seul moyen de connexion : choisissez d'abord un mot de passe (« mot de passe oublié ») avant de délier cette identité.",
  },
  OIDC_PROVIDER_UNAVAILABLE: {
    status: 503,
    message: "Le fournisseur d'identité ne répond pas pour le moment. Réessayez dans quelques instants, ou connectez-vous avec votre mot de passe.",
  },
  MFA_NOT_ENABLED: { status: 409, message: "La double authentification n'est pas activée sur ce compte." },
  MFA_REQUIRED_FOR_STAFF: {
    status: 403,
    message: 'La double authentification est obligatoire pour les comptes du personnel : elle ne peut pas être désactivée.',
  },
  WRONG_PASSWORD: { status: 403, message: 'Le mot de passe saisi est incorrect.' },
  GRANT_EXCEEDS_MANDATE: {
    status: 403,
    message: 'Vous ne pouvez pas confier un mandat plus étendu que le vôtre (rôle, directions, démarches ou date de fin).',
  },
  ERASURE_NOT_ALLOWED: {
    status: 403,
    message: "Un compte du personnel ne peut pas être effacé par son titulaire : ses actes d'instruction doivent rester attribués. Adressez-vous à un administrateur.",
  },
  NOT_FOUND: { status: 404, message: "La ressource demandée n'existe pas." },
  ROUTE_NOT_FOUND: { status: 404, message: "Cette adresse n'existe pas." },
  METHOD_NOT_ALLOWED: { status: 405, message: "Cette méthode n'est pas acceptée ici." },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: "L'en-tête Idempotency-Key est obligatoire pour cette action." },
  REQUEST_NOT_FOUND: { status: 404, message: "Cette demande n'existe pas ou ne vous est pas accessible." },
  DOCUMENT_NOT_FOUND: { status: 404, message: "Ce document n'existe pas ou ne vous est pas accessible." },
  SERVICE_NOT_FOUND: { status: 404, message: "Cette démarche n'existe pas." },
  MEMBERSHIP_NOT_FOUND: { status: 404, message: "Ce membre n'existe pas ou ne fait pas partie de cette entreprise." },
  INVITATION_NOT_FOUND: { status: 404, message: "Cette invitation n'existe pas, a déjà reçu une réponse ou a expiré." },
  ALREADY_MEMBER: { status: 409, message: 'Cette personne est déjà membre de cette entreprise.' },
  LAST_MANAGER: {
    status: 409,
    message: "L'entreprise doit garder au moins un gestionnaire actif (représentant légal ou administrateur). Nommez-en un autre d'abord.",
  },
  WEBHOOK_NOT_FOUND: { status: 404, message: "Ce webhook n'existe pas." },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 422,
    message: "Cette adresse de webhook n'est pas acceptée : https obligatoire, et pas d'adresse privée ou locale.",
  },
  JOB_OFFER_NOT_FOUND: { status: 404, message: "Cette offre d'emploi n'existe pas ou n'est plus publiée." },
  JOB_OFFER_ALREADY_WITHDRAWN: { status: 409, message: "Cette offre d'emploi a déjà été retirée." },
  JOB_OFFER_EXPIRED: { status: 409, message: "Cette offre d'emploi a expiré : elle n'est plus publiée." },
  TRANSITION_NOT_ALLOWED: { status: 409, message: "Cette action n'est pas possible dans l'état actuel de la demande." },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: 'Cette demande est déjà en cours de traitement. Patientez quelques secondes.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: "Cette clé d'idempotence a déjà servi pour une requête différente. Utilisez une nouvelle clé.",
  },
  SERVICE_NOT_AVAILABLE: { status: 422, message: "Cette démarche n'est pas ouverte à ce type de demandeur." },
  BUSINESS_NOT_FOUND: { status: 404, message: "Cette entreprise n'existe pas ou vous n'y avez pas accès." },
  BUSINESS_UNKNOWN: { status: 404, message: 'Ce numéro RIDET est inconnu du répertoire des entreprises.' },
  BUSINESS_STRUCK_OFF: {
    status: 422,
    message: 'Cette entreprise est radiée du répertoire des entreprises : aucune démarche ne peut être faite en son nom.',
  },
  LINK_EXISTS: { status: 409, message: 'Votre compte est déjà lié, ou en cours de liaison, à cette entreprise.' },
  EMAIL_TAKEN: { status: 409, message: 'Un compte existe déjà avec cette adresse électronique.' },
  ADMIN_ALREADY_EXISTS: {
    status: 409,
    message: 'Un compte administrateur existe déjà. Relancez avec --force pour en créer un autre.',
  },
  CONFLICT: { status: 409, message: 'La ressource a été modifiée entre-temps. Rechargez-la puis réessayez.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Le contenu envoyé est trop volumineux.' },
  URI_TOO_LONG: { status: 414, message: "L'adresse demandée est trop longue." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: "Ce type de contenu n'est pas accepté : envoyez du JSON (application/json), ou un fichier en multipart/form-data.",
  },
  EXPECTATION_FAILED: { status: 417, message: "L'en-tête Expect de la requête n'est pas pris en charge." },
  HEADERS_TOO_LARGE: { status: 431, message: 'Les en-têtes de la requête sont trop volumineux.' },
  REQUEST_TIMEOUT: { status: 408, message: "La requête n'a pas été reçue à temps." },
  WEAK_PASSWORD: { status: 422, message: "Ce mot de passe n'est pas assez sûr." },
  TOO_MANY_REQUESTS: { status: 429, message: 'Trop de tentatives. Réessayez plus tard.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
  },
  INTERNAL_ERROR: {
    status: 500,
    message: "Une erreur inattendue s'est produite. Communiquez l'identifiant de corrélation au support.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The one error body every failure returns. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  correlationId: string;
}

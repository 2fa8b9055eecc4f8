/** French emails. Plain text first (read by every client); HTML mirrors it. */
export interface RenderedEmail {
  kind: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(kind: string, subject: string, greeting: string, paragraphs: string[], link?: { label: string; url: string }): RenderedEmail {
  const signature = 'La Province Sud — Portail des démarches en ligne';
  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), ...(link ? [`${link.label} : ${link.url}`, ''] : []), signature].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : '',
    `<p>${escapeHtml(signature)}</p>`,
  ].join('\n');
  return { kind, subject, text, html };
}

export function verifyEmailTemplate(firstName: string, url: string, validHours: number): RenderedEmail {
  return layout(
    'verify_email',
    'Confirmez votre adresse électronique',
    `Bonjour ${firstName},`,
    [
      'Votre compte provincial a bien été créé. Pour l’activer, confirmez votre adresse électronique.',
      `Ce lien est valable ${validHours} heures. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.`,
    ],
    { label: 'Confirmer mon adresse', url },
  );
}

export function passwordResetTemplate(firstName: string, url: string, validMinutes: number): RenderedEmail {
  return layout(
    'reset_password',
    'Réinitialisation de votre mot de passe',
    `Bonjour ${firstName},`,
    [
      'Une réinitialisation du mot de passe de votre compte provincial a été demandée.',
      `Ce lien est valable ${validMinutes} minutes et ne peut servir qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`,
    ],
    { label: 'Choisir un nouveau mot de passe', url },
  );
}

export function passwordChangedTemplate(firstName: string): RenderedEmail {
  return layout('password_changed', 'Votre mot de passe a été modifié', `Bonjour ${firstName},`, [
    'Le mot de passe de votre compte provincial vient d’être modifié et toutes vos sessions ont été fermées.',
    'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement la Province Sud.',
  ]);
}

export function accountAlreadyExistsTemplate(firstName: string, loginUrl: string): RenderedEmail {
  return layout('account_exists', 'Vous avez déjà un compte provincial', `Bonjour ${firstName},`, [
    'Une nouvelle inscription a été tentée avec votre adresse électronique, alors qu’un compte existe déjà.',
    'Si c’était vous, connectez-vous ; si vous avez oublié votre mot de passe, utilisez « Mot de passe oublié » sur la page de connexion.',
    'Sinon, ignorez ce message : aucun compte n’a été créé et le vôtre n’a pas changé.',
  ], { label: 'Se connecter', url: loginUrl });
}

export function staffWelcomeTemplate(firstName: string, url: string): RenderedEmail {
  return layout('staff_welcome', 'Votre compte agent sur le portail de la Province Sud', `Bonjour ${firstName},`, [
    'Un compte agent vient d’être créé pour vous sur le portail des démarches de la Province Sud.',
    'Choisissez votre mot de passe pour l’activer. Ce lien est valable 7 jours.',
  ], { label: 'Choisir mon mot de passe', url });
}

export function adminWelcomeTemplate(firstName: string, url: string): RenderedEmail {
  return layout('admin_welcome', 'Votre compte administrateur du portail de la Province Sud', `Bonjour ${firstName},`, [
    'Un compte administrateur vient d’être créé pour vous sur le portail des démarches de la Province Sud.',
    'Choisissez votre mot de passe pour l’activer. Ce lien est valable 7 jours.',
  ], { label: 'Choisir mon mot de passe', url });
}

export function requestEventTemplate(firstName: string, title: string, body: string, url: string): RenderedEmail {
  return layout('request_event', title, `Bonjour ${firstName},`, [body], { label: 'Suivre ma demande', url });
}

export function draftExpiryWarningTemplate(firstName: string, serviceTitle: string, expiresOn: string, url: string): RenderedEmail {
  return layout('draft_expiry_warning', 'Votre brouillon va expirer', `Bonjour ${firstName},`, [
    `Votre brouillon « ${serviceTitle} » n’a pas été modifié depuis longtemps. Sans action de votre part, il sera supprimé le ${expiresOn}.`,
    'Pour le conserver, complétez-le ou déposez-le depuis votre espace.',
  ], { label: 'Reprendre mon brouillon', url });
}

/** `firstName` is null when no account exists yet for the invited address. */
export function businessInvitationTemplate(
  firstName: string | null,
  invitation: { inviterName: string; businessName: string; roleLabel: string; mandateEnd: string | null; validDays: number },
  url: string,
): RenderedEmail {
  const { inviterName, businessName, roleLabel, mandateEnd, validDays } = invitation;
  return layout('business_invitation', `Invitation à rejoindre ${businessName}`, firstName ? `Bonjour ${firstName},` : 'Bonjour,', [
    `${inviterName} vous invite à rejoindre le profil professionnel de ${businessName} sur le portail des démarches de la Province Sud, en tant que ${roleLabel}${mandateEnd ? ` jusqu’au ${mandateEnd}` : ''}.`,
    `Pour accepter, connectez-vous avec cette adresse électronique (ou créez votre compte provincial avec elle), puis suivez le lien ci-dessous. Il est valable ${validDays} jours et ne peut servir qu’une fois.`,
    'Si vous ne connaissez pas cette entreprise, ignorez ce message.',
  ], { label: 'Accepter l’invitation', url });
}

export function businessMembershipApprovedTemplate(firstName: string, businessName: string, roleLabel: string, url: string): RenderedEmail {
  return layout('business_membership_approved', `Votre rattachement à ${businessName} est approuvé`, `Bonjour ${firstName},`, [
    `Un gestionnaire de ${businessName} a approuvé votre demande de rattachement : vous pouvez désormais agir pour l’entreprise en tant que ${roleLabel}.`,
  ], { label: 'Voir le profil professionnel', url });
}

export function businessMembershipRefusedTemplate(firstName: string, businessName: string, reason: string | null): RenderedEmail {
  return layout('business_membership_refused', `Votre rattachement à ${businessName} n’a pas été accepté`, `Bonjour ${firstName},`, [
    `Un gestionnaire de ${businessName} a refusé votre demande de rattachement.`,
    ...(reason ? [`Motif indiqué : ${reason}`] : []),
    'Si vous pensez qu’il s’agit d’une erreur, contactez l’entreprise ou la Direction des Affaires Juridiques et Institutionnelles (DAJI).',
  ]);
}

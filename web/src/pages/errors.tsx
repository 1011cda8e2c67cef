export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>L’adresse demandée n’existe pas ou n’est pas accessible avec votre compte.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

export function ErrorPage(props: { correlationId: string }) {
  return (
    <>
      <h1>Une erreur s’est produite</h1>
      <p>Votre demande n’a pas pu aboutir. Réessayez dans un instant.</p>
      <p>
        Si le problème persiste, communiquez cette référence au support : <code>{props.correlationId}</code>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  return (
    <>
      <h1>Accès refusé</h1>
      <p>Votre compte ne donne pas accès à cette page.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

/** A business-rule refusal (409, 422…): its French message is meant for the user. */
export function ProblemPage(props: { title: string; detail: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.detail}</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

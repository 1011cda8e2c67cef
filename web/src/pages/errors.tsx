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

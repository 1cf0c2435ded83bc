import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches what a view throws while rendering, so an unexpected error shows a
 * message and a way back instead of a white screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Copydesk view crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="page-message" role="alert" aria-labelledby="crash-title">
        <h1 id="crash-title" className="page-message__title">
          Something went wrong on this page
        </h1>
        <p className="page-message__text">
          Copydesk hit an unexpected error and stopped showing this view. Your saved stories are not affected.
        </p>
        <pre className="page-message__detail">{error.message}</pre>
        <div className="page-message__actions">
          <button type="button" className="button button--primary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <a className="button" href="#/">
            Back to library
          </a>
        </div>
      </section>
    );
  }
}

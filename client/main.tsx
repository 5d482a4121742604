import "./lib/strict-csp";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { createApiClient, createQueryClient, TRPCProvider } from "./api/trpc";
import { Routes } from "./routes";
import { startUrlSync } from "./state/url-sync";
import "./styles.css";

function App() {
  const [queryClient] = useState(createQueryClient);
  const [apiClient] = useState(createApiClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={apiClient} queryClient={queryClient}>
        <Routes pathname={window.location.pathname} />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

startUrlSync();
// The app shell works offline (meeting mode records votes with no connection); the press page and embeds need no worker.
if ("serviceWorker" in navigator && !/^\/(print|embed)\b/.test(window.location.pathname)) {
  void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

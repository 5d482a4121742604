/** What the Import screen hands each kind's second step: the preview, and where each ending goes. */
export interface ImportStepProps<Preview, Done> {
  preview: Preview;
  onDone: (done: Done) => void;
  onStartOver: () => void;
  /** The upload waited too long (the server forgot it): choose the file again. */
  onExpired: () => void;
}

export { INVITATION_TTL_MS, mintInvitationToken, verifyInvitationToken, hashInvitationToken } from "./token";
export {
  createInvitation,
  previewInvitation,
  respondToInvitation,
  revokeInvitation,
  type CreatedInvitation,
  type InvitationPreview,
} from "./invitations";
export {
  listSystemAccess,
  grantDirectly,
  changeRole,
  revokeAccess,
  removeUserAccess,
  type AccessPerson,
  type SystemAccessList,
  type RemovedUserAccess,
} from "./grants";

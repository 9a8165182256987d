"use client";
import { createContext, useContext } from "react";
import { type ResultOf, graphql } from "./graphql.ts";

export const MeQuery = graphql(`
  query Me {
    me {
      permissions
      user {
        id
        name
        username
        locale
        desktopNotifications
      }
      organization {
        id
        name
        timezone
        locale
      }
    }
  }
`);

export type Me = ResultOf<typeof MeQuery>["me"];

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside the signed-in shell");
  return me;
}

export function useCan() {
  const me = useMe();
  return (...permissions: string[]) => permissions.some((p) => me.permissions.includes(p));
}

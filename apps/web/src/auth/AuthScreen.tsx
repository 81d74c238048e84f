import { useState } from 'react';
import { ConnectionBanner } from '../connection/ConnectionBanner.tsx';
import { ChatIcon } from '../ui/icons.tsx';
import { SignInForm } from './SignInForm.tsx';
import { SignUpForm } from './SignUpForm.tsx';

export function AuthScreen() {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  return (
    <div className="flex min-h-full flex-col">
      <ConnectionBanner />
      <main className="flex flex-1 items-center justify-center bg-slate-50 px-4 py-12 dark:bg-slate-950">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex flex-col items-center gap-3 text-center">
            <span className="flex size-12 items-center justify-center rounded-2xl bg-indigo-600 text-white shadow-lg shadow-indigo-600/30">
              <ChatIcon />
            </span>
            <h1 className="text-2xl font-semibold tracking-tight">
              {mode === 'sign-in' ? 'Welcome back' : 'Create your account'}
            </h1>
            <p className="text-sm text-slate-500 dark:text-slate-400">
              {mode === 'sign-in' ? 'Sign in to pick up where you left off.' : 'Join the conversation in a few seconds.'}
            </p>
          </div>
          <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-900/5 dark:bg-slate-900 dark:ring-white/10">
            {mode === 'sign-in' ? <SignInForm /> : <SignUpForm />}
          </div>
          <p className="mt-6 text-center text-sm text-slate-500 dark:text-slate-400">
            {mode === 'sign-in' ? 'New here?' : 'Already have an account?'}{' '}
            <button
              type="button"
              className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
              onClick={() => setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
            >
              {mode === 'sign-in' ? 'Create an account' : 'Sign in instead'}
            </button>
          </p>
        </div>
      </main>
    </div>
  );
}
